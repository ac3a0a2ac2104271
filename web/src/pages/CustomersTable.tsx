import { useId, useMemo, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Card } from '../components/ui.tsx';
import { usePortal } from '../lib/portal.tsx';
import { CustomerRow } from './CustomerRow.tsx';
import type { Row } from './customerRows.ts';
import { useFeatureName } from './customersLabels.tsx';
import { fold, type Sort, type SortBy, sortRows, toggleSort } from './customersSort.ts';
import './Customers.css';

/**
 * The customers, one row each, with a search on their names and a sort on the name or on a seat feature's
 * figures (the column headers, or a list on small screens where the rows are stacked).
 */
export function CustomersTable({ rows, features }: { rows: Row[]; features: string[] }) {
  const intl = useIntl();
  const portal = usePortal();
  const name = useFeatureName();
  const searchId = useId();
  const sortId = useId();
  const [query, setQuery] = useState('');
  const [sort, setSort] = useState<Sort>({ by: 'name', feature: null, dir: 'asc' });
  const collator = useMemo(() => new Intl.Collator(intl.locale, { sensitivity: 'base' }), [intl.locale]);
  const canAllocate = portal.session.user.roles.includes('subscription_manager');
  const several = features.length > 1;

  const needle = fold(query.trim());
  const shown = sortRows(rows, needle, sort, collator);

  const column = (id: string, feature: string) => {
    const label = intl.formatMessage({ id });
    return several
      ? intl.formatMessage({ id: 'customers.col.ofFeature' }, { feature: name(feature), column: label })
      : label;
  };
  const isSorted = (by: SortBy, feature: string | null) => sort.by === by && sort.feature === feature;
  const ariaSort = (by: SortBy, feature: string | null) =>
    isSorted(by, feature) ? (sort.dir === 'asc' ? 'ascending' : 'descending') : undefined;
  const toggle = (by: SortBy, feature: string | null) => setSort((s) => toggleSort(s, by, feature));

  // The same choices as the column headers, for small screens where the headers are not shown.
  const options: { value: string; label: string }[] = [
    { value: 'name::asc', label: intl.formatMessage({ id: 'customers.sort.name.asc' }) },
    { value: 'name::desc', label: intl.formatMessage({ id: 'customers.sort.name.desc' }) },
  ];
  for (const feature of features) {
    for (const key of ['allocated.desc', 'allocated.asc', 'used.desc', 'used.asc']) {
      const [by, dir] = key.split('.');
      const label = intl.formatMessage({ id: `customers.sort.${key}` });
      options.push({
        value: `${by}:${feature}:${dir}`,
        label: several
          ? intl.formatMessage({ id: 'customers.sort.ofFeature' }, { sort: label, feature: name(feature) })
          : label,
      });
    }
  }
  const sortValueKey = `${sort.by}:${sort.feature ?? ''}:${sort.dir}`;

  return (
    <Card title={<FormattedMessage id="customers.list.title" />}>
      <div className="customers-toolbar">
        <div className="customers-field">
          <label htmlFor={searchId}>
            <FormattedMessage id="customers.search" />
          </label>
          <input
            id={searchId}
            type="search"
            className="customers-input"
            value={query}
            autoComplete="off"
            onChange={(e) => setQuery(e.target.value)}
          />
        </div>
        <div className="customers-field customers-sort-select">
          <label htmlFor={sortId}>
            <FormattedMessage id="customers.sort" />
          </label>
          <select
            id={sortId}
            className="input"
            value={sortValueKey}
            onChange={(e) => {
              const [by, feature, dir] = e.target.value.split(':') as [SortBy, string, 'asc' | 'desc'];
              setSort({ by, feature: feature || null, dir });
            }}
          >
            {options.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </div>
      </div>
      <p className="muted small customers-status" role="status">
        {needle ? (
          shown.length === 0 ? (
            <FormattedMessage id="customers.noMatch" values={{ query: query.trim() }} />
          ) : (
            <FormattedMessage id="customers.shown" values={{ shown: shown.length, total: rows.length }} />
          )
        ) : null}
      </p>
      {shown.length > 0 ? (
        <div className="table-wrap">
          <table className="customers-table">
            <caption className="visually-hidden">
              <FormattedMessage id="customers.caption" />
            </caption>
            <thead>
              {several ? (
                <tr>
                  <td />
                  {features.map((feature) => (
                    <th key={feature} scope="colgroup" colSpan={3} className="customers-group">
                      {name(feature)}
                    </th>
                  ))}
                  <td colSpan={2} />
                </tr>
              ) : null}
              <tr>
                <th scope="col" aria-sort={ariaSort('name', null)}>
                  <SortButton
                    active={isSorted('name', null)}
                    dir={sort.dir}
                    onClick={() => toggle('name', null)}
                  >
                    <FormattedMessage id="customers.col.name" />
                  </SortButton>
                </th>
                {features.map((feature) => (
                  <FeatureHeads
                    key={feature}
                    ariaSort={(by) => ariaSort(by, feature)}
                    active={(by) => isSorted(by, feature)}
                    dir={sort.dir}
                    toggle={(by) => toggle(by, feature)}
                  />
                ))}
                <th scope="col" className="num">
                  <FormattedMessage id="customers.col.sites" />
                </th>
                <th scope="col">
                  <FormattedMessage id="customers.col.cycle" />
                </th>
              </tr>
            </thead>
            <tbody>
              {shown.map((r) => (
                <CustomerRow key={r.id} row={r} features={features} column={column} />
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <p className="muted small customers-hint">
        <FormattedMessage id={canAllocate ? 'customers.open.manage' : 'customers.open.read'} />
      </p>
    </Card>
  );
}

function SortButton({
  active,
  dir,
  onClick,
  children,
}: {
  active: boolean;
  dir: 'asc' | 'desc';
  onClick(): void;
  children: React.ReactNode;
}) {
  return (
    <button type="button" className="customers-sort" onClick={onClick}>
      <span>{children}</span>
      <span
        className={`customers-arrow ${active ? `customers-arrow-${dir}` : 'customers-arrow-none'}`}
        aria-hidden="true"
      />
    </button>
  );
}

function FeatureHeads({
  ariaSort,
  active,
  dir,
  toggle,
}: {
  ariaSort(by: SortBy): 'ascending' | 'descending' | undefined;
  active(by: SortBy): boolean;
  dir: 'asc' | 'desc';
  toggle(by: SortBy): void;
}) {
  return (
    <>
      <th scope="col" className="num" aria-sort={ariaSort('allocated')}>
        <SortButton active={active('allocated')} dir={dir} onClick={() => toggle('allocated')}>
          <FormattedMessage id="customers.col.allocated" />
        </SortButton>
      </th>
      <th scope="col" className="num" aria-sort={ariaSort('used')}>
        <SortButton active={active('used')} dir={dir} onClick={() => toggle('used')}>
          <FormattedMessage id="customers.col.used" />
        </SortButton>
      </th>
      <th scope="col" className="num">
        <FormattedMessage id="customers.col.free" />
      </th>
    </>
  );
}
