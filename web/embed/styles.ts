import { css } from 'lit';

/**
 * The table's look, inside its shadow root (nothing leaks into the vendor's page, nothing of the page
 * leaks in but inherited text properties). Lit adopts it as a constructable stylesheet, so a page whose
 * CSP forbids inline styles still shows it; the templates carry no style attribute.
 *
 * Themable from the page: --allot-accent (buttons, the highlighted plan, focus), --allot-accent-text
 * (text on the accent; keep 4.5:1 against it), --allot-font, --allot-radius; and, for a dark page,
 * --allot-text and --allot-muted (the controls' labels sit on the page's own background) and
 * --allot-surface (cards and fields).
 */
export const styles = css`
  :host {
    --_accent: var(--allot-accent, #3b45c4);
    --_accent-text: var(--allot-accent-text, #ffffff);
    --_radius: var(--allot-radius, 12px);
    --_text: var(--allot-text, #1b1e28);
    --_muted: var(--allot-muted, #545a6b);
    --_line: color-mix(in srgb, var(--_muted) 30%, transparent);
    --_surface: var(--allot-surface, #ffffff);
    --_tint: color-mix(in srgb, var(--_accent) 7%, var(--_surface));
    --_error: #b3261e;
    display: block;
    color: var(--_text);
    font-family: var(--allot-font, system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif);
    font-size: 1rem;
    line-height: 1.45;
    text-align: start;
  }
  :host([hidden]) {
    display: none;
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  p,
  h3,
  ul {
    margin: 0;
  }
  ul {
    padding: 0;
    list-style: none;
  }
  .sr-only {
    position: absolute;
    width: 1px;
    height: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }

  /* The controls: period toggle, currency, licences. */
  .controls {
    display: flex;
    flex-wrap: wrap;
    align-items: flex-end;
    justify-content: center;
    gap: 1rem 1.5rem;
    margin-block-end: 1.5rem;
  }
  fieldset {
    margin: 0;
    padding: 0;
    border: 0;
    min-width: 0;
  }
  .field-label,
  legend {
    display: block;
    padding: 0;
    margin-block-end: 0.3rem;
    font-size: 0.875rem;
    font-weight: 600;
    color: var(--_muted);
  }
  .toggle {
    display: inline-flex;
    flex-wrap: wrap;
    gap: 0.25rem;
    padding: 0.25rem;
    border: 1px solid var(--_line);
    border-radius: calc(var(--_radius) + 0.25rem);
    background: var(--_surface);
  }
  .toggle label {
    position: relative;
    display: inline-flex;
    align-items: center;
    gap: 0.4rem;
    min-height: 2.5rem;
    padding: 0.4rem 0.9rem;
    border-radius: var(--_radius);
    cursor: pointer;
    font-weight: 600;
  }
  .toggle input {
    position: absolute;
    inset: 0;
    width: 100%;
    height: 100%;
    margin: 0;
    opacity: 0;
    cursor: pointer;
  }
  .toggle label:has(input:checked) {
    background: var(--_accent);
    color: var(--_accent-text);
  }
  .toggle label:has(input:disabled) {
    color: var(--_muted);
    cursor: not-allowed;
  }
  .toggle input:disabled {
    cursor: not-allowed;
  }
  .toggle label:has(input:focus-visible) {
    outline: 3px solid var(--_accent);
    outline-offset: 2px;
  }
  .saving {
    padding: 0.05rem 0.45rem;
    border-radius: 999px;
    background: var(--_tint);
    color: var(--_accent);
    font-size: 0.8rem;
    font-weight: 700;
    white-space: nowrap;
  }
  label:has(input:checked) .saving {
    background: var(--_accent-text);
    color: var(--_accent);
  }
  select,
  input[type='number'] {
    min-height: 2.75rem;
    padding: 0.4rem 0.7rem;
    border: 1px solid #8b90a0;
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
    font: inherit;
  }
  select {
    padding-inline-end: 0.4rem;
  }
  input[type='number'] {
    width: 7.5rem;
  }
  select:focus-visible,
  input:focus-visible,
  a:focus-visible,
  button:focus-visible {
    outline: 3px solid var(--_accent);
    outline-offset: 2px;
  }
  input[aria-invalid='true'] {
    border-color: var(--_error);
  }
  .field-error {
    max-width: 16rem;
    margin-block-start: 0.3rem;
    color: var(--_error);
    font-size: 0.875rem;
  }

  /* The plans, side by side; each card's rows line up with its neighbours' (subgrid). */
  .plans {
    display: grid;
    grid-auto-flow: column;
    grid-auto-columns: minmax(0, 1fr);
    gap: 0 1.25rem;
    align-items: start;
    /* Room for the highlighted plan's badge, which sits on its top border. */
    padding-block-start: 0.9rem;
  }
  .plan {
    position: relative;
    display: grid;
    grid-row: span 6;
    grid-template-rows: subgrid;
    gap: 0.75rem;
    padding: 1.5rem;
    border: 1px solid var(--_line);
    border-radius: var(--_radius);
    background: var(--_surface);
  }
  .plan.highlighted {
    border: 2px solid var(--_accent);
    box-shadow: 0 0.5rem 1.5rem color-mix(in srgb, var(--_accent) 18%, transparent);
  }
  .head {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 0.5rem;
  }
  h3 {
    font-size: 1.25rem;
    line-height: 1.25;
  }
  .badge {
    position: absolute;
    inset-block-start: 0;
    inset-inline: 0;
    width: max-content;
    max-width: calc(100% - 2rem);
    margin-inline: auto;
    transform: translateY(-50%);
    padding: 0.2rem 0.75rem;
    border-radius: 999px;
    background: var(--_accent);
    color: var(--_accent-text);
    font-size: 0.8rem;
    font-weight: 700;
    white-space: nowrap;
  }
  .price {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: 0.25rem 0.4rem;
  }
  .amount {
    font-size: 2rem;
    font-weight: 700;
    line-height: 1.1;
    font-variant-numeric: tabular-nums;
  }
  .per,
  .trial,
  .total {
    color: var(--_muted);
    font-size: 0.9rem;
  }
  .unavailable {
    color: var(--_muted);
    font-style: italic;
  }
  .trial {
    font-weight: 600;
    color: var(--_text);
  }
  .total {
    min-height: 2.6em;
    font-variant-numeric: tabular-nums;
  }
  .total strong {
    color: var(--_text);
  }
  .total .note {
    display: block;
  }
  .total[aria-busy='true'] {
    font-style: italic;
  }
  .cta {
    display: flex;
    align-items: center;
    justify-content: center;
    min-height: 2.75rem;
    padding: 0.6rem 1rem;
    border: 2px solid var(--_accent);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_accent);
    font: inherit;
    font-weight: 700;
    text-align: center;
    text-decoration: none;
    cursor: pointer;
  }
  .highlighted .cta,
  .cta:hover:not(:disabled) {
    background: var(--_accent);
    color: var(--_accent-text);
  }
  .highlighted .cta:hover:not(:disabled) {
    background: color-mix(in srgb, var(--_accent) 85%, #000000);
  }
  .cta:disabled {
    border-color: var(--_line);
    background: var(--_surface);
    color: var(--_muted);
    cursor: not-allowed;
  }
  .features {
    display: grid;
    gap: 0.55rem;
    padding-block-start: 1rem;
    border-block-start: 1px solid var(--_line);
  }
  .features li {
    display: grid;
    grid-template-columns: 1.25rem 1fr;
    gap: 0.5rem;
    align-items: start;
  }
  .mark {
    font-weight: 700;
    text-align: center;
  }
  .on .mark {
    color: var(--_accent);
  }
  .off {
    color: var(--_muted);
  }
  .value {
    display: block;
    color: var(--_muted);
    font-size: 0.875rem;
  }

  /* Loading and errors. */
  .status {
    margin-block-end: 1rem;
    color: var(--_muted);
    text-align: center;
  }
  .skeleton .plan {
    min-height: 18rem;
    background: linear-gradient(100deg, #f1f2f6 30%, #e4e6ee 50%, #f1f2f6 70%) 0 0 / 300% 100%;
    animation: shimmer 1.4s ease-in-out infinite;
  }
  @keyframes shimmer {
    to {
      background-position: -100% 0;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .skeleton .plan {
      animation: none;
    }
  }
  .error {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: center;
    gap: 0.75rem;
    padding: 1rem 1.25rem;
    border: 1px solid var(--_line);
    border-inline-start: 4px solid var(--_error);
    border-radius: var(--_radius);
    background: var(--_surface);
  }
  .error button {
    min-height: 2.5rem;
    padding: 0.4rem 1rem;
    border: 1px solid var(--_accent);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_accent);
    font: inherit;
    font-weight: 600;
    cursor: pointer;
  }

  /*
   * A narrow column or a phone: one plan under the other. The element measures itself (ResizeObserver)
   * rather than using a container query, whose size containment would collapse it to nothing in a
   * shrink-to-fit parent (a centring flex column or grid of the vendor's page).
   */
  .narrow .plans {
    grid-auto-flow: row;
    grid-auto-columns: auto;
    gap: 1.5rem;
  }
  .narrow .plan {
    grid-row: auto;
    grid-template-rows: none;
  }
  .narrow .total {
    min-height: 0;
  }
  .narrow .controls {
    justify-content: flex-start;
  }
`;
