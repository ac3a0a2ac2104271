import type { AccountInput } from '../accounts/accounts.ts';
import { createAccount } from '../accounts/accounts.ts';
import type { UserInput } from '../accounts/users.ts';
import { type CatalogExport, importCatalog } from '../catalog/document.ts';
import type {
  AddonDocument,
  AddonPrice,
  Entitlement,
  FeatureDefinition,
  LocalNames,
  Overage,
  PlanDocument,
  PlanPrice,
} from '../catalog/model.ts';
import type { PricingTableDocument } from '../catalog/pricing-table-rules.ts';
import { ingestUsageEvents } from '../entitlements/events-ingest.ts';
import type { Actor } from '../platform/actor.ts';
import type { Temporal } from '../platform/clock/clock.ts';
import { fixedClock } from '../platform/clock/clock.ts';
import type { TenantScope } from '../platform/db/tenant-scope.ts';
import { DEMO_KEY_NAME, DEMO_TABLE } from '../portal/embed.ts';
import { setAllocation } from '../seats/allocations.ts';
import { addUser } from '../seats/user-seats.ts';
import { createSubscription } from '../subscriptions/create.ts';
import { createApiKey } from '../tenants/api-keys.ts';
import { updateTenantSettings } from '../tenants/settings.ts';

/**
 * The demo workspace a first start loads (unless ALLOT_DEMO=0): four fictional vendors modelled on the
 * seeds, side by side in one tenant, their keys prefixed so they never clash:
 *
 * - `tw-`  TeamWeave (seeds 000/001): per-organisation flat plans, monthly creation quotas, 72 h window.
 * - `od-`  OrbitDesk (seed 003): per-agent plans, SSO and integrations gated by tier, 14-day trial.
 * - `wz-`  Wizvox (seed 002): a per-seat UC plan sold through a reseller who allocates seats per site.
 * - `erp-` Gestia ERP (seed 004): modules with one included admin each, consumption billing beyond,
 *          and add-on packs (users per module, e-mail credits, linked companies, support, training).
 *
 * Everything here is normalised (every field the rules would fill in is written out), so
 * `GET /v1/catalog` on a demo tenant gives back exactly DEMO_CATALOG.
 */

export interface DemoSummary {
  features: number;
  plans: number;
  addons: number;
  accounts: number;
  users: number;
}

const DEMO_ACTOR: Actor = { type: 'key', id: 'demo' };

// ── catalog builders ─────────────────────────────────────────────────────────────────────────────────

const feature = (
  key: string,
  name: string,
  names: LocalNames,
  kind: FeatureDefinition['kind'],
  unit: string | null = null,
  module: string | null = null,
): FeatureDefinition => ({ key, name, names, kind, unit, module });

/** Items created per calendar month (also on annual plans), blocked at the limit. */
const monthlyQuota = (feature: string, limit: number): Entitlement => ({
  feature,
  limit,
  enabled: true,
  reset: 'month',
  overage: 'block',
  overage_unit_amount: null,
  warn_at: [80, 100],
});

/** Seats, counters and credits never reset. */
const standing = (
  feature: string,
  limit: number,
  overage: Overage = 'block',
  warnAt: number[] = [80, 100],
): Entitlement => ({
  feature,
  limit,
  enabled: true,
  reset: 'never',
  overage,
  overage_unit_amount: null,
  warn_at: warnAt,
});

const flag = (feature: string, enabled: boolean): Entitlement => ({
  feature,
  limit: null,
  enabled,
  reset: 'never',
  overage: 'block',
  overage_unit_amount: null,
  warn_at: [],
});

const flat = (
  billing_period: PlanPrice['billing_period'],
  currency: string,
  amount: number,
  consumption_unit_amount: number | null = null,
): PlanPrice => ({ billing_period, currency, amount, per_seat: false, consumption_unit_amount });

const perSeat = (
  billing_period: PlanPrice['billing_period'],
  currency: string,
  amount: number,
): PlanPrice => ({
  billing_period,
  currency,
  amount,
  per_seat: true,
  consumption_unit_amount: null,
});

const addonPrice = (
  billing_period: AddonPrice['billing_period'],
  currency: string,
  amount: number,
): AddonPrice => ({ billing_period, currency, amount });

// ── TeamWeave (tw-): per-organisation licence, unlimited users, quotas on created items ─────────────────

const TW_MODULES = ['tw-ticketing', 'tw-checklist', 'tw-crm'];

/** Annual is ten months' price: two months free. */
function twPlan(
  key: string,
  name: string,
  rank: number,
  quotas: { tickets: number; checklists: number; opportunities: number },
  monthly: { EUR: number; USD: number },
): PlanDocument {
  return {
    key,
    name,
    names: {},
    modules: TW_MODULES,
    rank,
    trial_days: 0,
    cancellation_window_hours: 72,
    entitlements: [
      monthlyQuota('tw-tickets', quotas.tickets),
      monthlyQuota('tw-checklists', quotas.checklists),
      monthlyQuota('tw-crm-opportunities', quotas.opportunities),
    ],
    prices: [
      flat('month', 'EUR', monthly.EUR),
      flat('month', 'USD', monthly.USD),
      flat('year', 'EUR', monthly.EUR * 10),
      flat('year', 'USD', monthly.USD * 10),
    ],
  };
}

// ── OrbitDesk (od-): per-agent licences, customers free, features gated by tier ───────────────────────────

/** Per agent; the annual price is per agent and year, cheaper than twelve months. */
function odPlan(
  key: string,
  name: string,
  rank: number,
  gates: { sso: boolean; integrations: boolean },
  monthly: { EUR: number; USD: number; CAD: number },
  yearly: { EUR: number; USD: number; CAD: number },
): PlanDocument {
  return {
    key,
    name,
    names: {},
    modules: ['od-helpdesk', 'od-projects'],
    rank,
    trial_days: 14,
    cancellation_window_hours: 72,
    entitlements: [
      // No agent is included: the subscription's quantity is the number of agent licences.
      standing('od-agents', 0),
      flag('od-sso', gates.sso),
      flag('od-integrations', gates.integrations),
    ],
    prices: [
      perSeat('month', 'EUR', monthly.EUR),
      perSeat('month', 'USD', monthly.USD),
      perSeat('month', 'CAD', monthly.CAD),
      perSeat('year', 'EUR', yearly.EUR),
      perSeat('year', 'USD', yearly.USD),
      perSeat('year', 'CAD', yearly.CAD),
    ],
  };
}

// ── Gestia ERP (erp-): modules, one included admin per module, packs ──────────────────────────────────────

const ERP_MODULES = ['erp-sales', 'erp-crm', 'erp-accounting', 'erp-emailing'] as const;
type ErpModule = (typeof ERP_MODULES)[number];
const ERP_MODULE_NAMES: Record<ErpModule, { en: string; fr: string; de: string }> = {
  'erp-sales': { en: 'Sales management', fr: 'Gestion commerciale', de: 'Vertrieb' },
  'erp-crm': { en: 'CRM', fr: 'CRM', de: 'CRM' },
  'erp-accounting': { en: 'Accounting', fr: 'Comptabilité', de: 'Buchhaltung' },
  'erp-emailing': { en: 'E-mailing', fr: 'E-mailing', de: 'E-Mailing' },
};
/** The seat feature counting a module's users: `erp-sales` → `erp-users-sales`. */
const erpUsers = (module: ErpModule) => `erp-users-${module.slice('erp-'.length)}`;

function erpPlan(
  key: string,
  name: string,
  rank: number,
  modules: ErpModule[],
  terms: { linkedCompanies: number; support: boolean },
  prices: { month: number; year: number; extraUserMonth: number; extraUserYear: number },
  names: LocalNames = {},
): PlanDocument {
  return {
    key,
    name,
    names,
    modules,
    rank,
    trial_days: 0,
    cancellation_window_hours: 72,
    entitlements: [
      // The administrator is included; every further user of a module is billed as consumption.
      ...modules.map((m) => standing(erpUsers(m), 1, 'bill')),
      standing('erp-linked-companies', terms.linkedCompanies),
      // E-mails need a credits pack: none are included.
      standing('erp-email-credits', 0, 'block', [80, 100]),
      standing('erp-training-sessions', 0, 'block', []),
      flag('erp-support', terms.support),
    ],
    prices: [
      flat('month', 'EUR', prices.month, prices.extraUserMonth),
      flat('year', 'EUR', prices.year, prices.extraUserYear),
    ],
  };
}

/** Extra users for one module: cheaper than the same users billed as consumption. */
const erpUserPack = (module: ErpModule): AddonDocument => ({
  key: `erp-pack-users-${module.slice('erp-'.length)}`,
  name: `Gestia extra users pack — ${ERP_MODULE_NAMES[module].en}`,
  names: {
    fr: `Pack d’utilisateurs supplémentaires Gestia — ${ERP_MODULE_NAMES[module].fr}`,
    de: `Gestia-Paket Zusatzbenutzer — ${ERP_MODULE_NAMES[module].de}`,
  },
  modules: [module],
  grants: [{ feature: erpUsers(module), amount: 1 }],
  prices: [addonPrice('month', 'EUR', 1200), addonPrice('year', 'EUR', 12000)],
});

// ── the catalog ──────────────────────────────────────────────────────────────────────────────────────

/** OrbitDesk's prices on its web site (`/embed/demo`): per agent, monthly or yearly, EUR/USD/CAD. */
export const DEMO_PRICING_TABLE: PricingTableDocument = {
  key: DEMO_TABLE,
  name: 'OrbitDesk plans',
  published: true,
  plans: ['od-standard', 'od-premium', 'od-enterprise'],
  highlighted_plan: 'od-premium',
  features: ['od-integrations', 'od-sso'],
  call_to_action_url: 'https://orbitdesk.example/signup',
  default_billing_period: 'month',
  default_currency: 'EUR',
};

export const DEMO_CATALOG: CatalogExport = {
  features: [
    feature(
      'tw-tickets',
      'Tickets created',
      { fr: 'Tickets créés', de: 'Erstellte Tickets' },
      'quota',
      'ticket',
    ),
    feature(
      'tw-checklists',
      'Checklists submitted',
      { fr: 'Checklists soumises', de: 'Eingereichte Checklisten' },
      'quota',
      'checklist',
    ),
    feature(
      'tw-crm-opportunities',
      'CRM opportunities created',
      { fr: 'Opportunités CRM créées', de: 'Erstellte CRM-Verkaufschancen' },
      'quota',
      'opportunity',
    ),
    feature('od-agents', 'Agents', { fr: 'Agents', de: 'Agenten' }, 'seat', 'agent'),
    feature(
      'od-sso',
      'Single sign-on (SSO)',
      { fr: 'Authentification unique (SSO)', de: 'Single Sign-on (SSO)' },
      'boolean',
    ),
    feature('od-integrations', 'Integrations', { fr: 'Intégrations', de: 'Integrationen' }, 'boolean'),
    feature(
      'wz-user-licences',
      'User licences',
      { fr: 'Licences utilisateur', de: 'Benutzerlizenzen' },
      'seat',
      'licence',
    ),
    // Each module's users take that module's seats (S17: extra users are counted per module).
    ...ERP_MODULES.map((m) =>
      feature(
        erpUsers(m),
        `Users — ${ERP_MODULE_NAMES[m].en}`,
        { fr: `Utilisateurs — ${ERP_MODULE_NAMES[m].fr}`, de: `Benutzer — ${ERP_MODULE_NAMES[m].de}` },
        'seat',
        'user',
        m,
      ),
    ),
    feature(
      'erp-linked-companies',
      'Linked companies',
      { fr: 'Sociétés liées', de: 'Verbundene Unternehmen' },
      'counter',
      'company',
    ),
    feature(
      'erp-email-credits',
      'E-mail sending credits',
      { fr: 'Crédits d’envoi d’e-mails', de: 'E-Mail-Versandguthaben' },
      'credit',
      'e-mail',
    ),
    feature(
      'erp-training-sessions',
      'Onboarding training sessions',
      { fr: 'Sessions de formation à la prise en main', de: 'Einführungsschulungen' },
      'credit',
      'session',
    ),
    feature(
      'erp-support',
      'Support by phone, e-mail and chat',
      { fr: 'Assistance par téléphone, e-mail et chat', de: 'Support per Telefon, E-Mail und Chat' },
      'boolean',
    ),
  ],
  plans: [
    twPlan(
      'tw-starter',
      'TeamWeave Starter',
      1,
      { tickets: 100, checklists: 50, opportunities: 50 },
      { EUR: 1990, USD: 2190 },
    ),
    twPlan(
      'tw-premium',
      'TeamWeave Premium',
      2,
      { tickets: 500, checklists: 250, opportunities: 250 },
      { EUR: 4990, USD: 5490 },
    ),
    twPlan(
      'tw-professional',
      'TeamWeave Professional',
      3,
      { tickets: 2000, checklists: 1000, opportunities: 1000 },
      { EUR: 9990, USD: 10990 },
    ),
    twPlan(
      'tw-enterprise',
      'TeamWeave Enterprise',
      4,
      { tickets: 10000, checklists: 5000, opportunities: 5000 },
      { EUR: 24990, USD: 27490 },
    ),
    odPlan(
      'od-standard',
      'OrbitDesk Standard',
      1,
      { sso: false, integrations: false },
      { EUR: 1300, USD: 1500, CAD: 2000 },
      { EUR: 13200, USD: 15600, CAD: 20400 },
    ),
    odPlan(
      'od-premium',
      'OrbitDesk Premium',
      2,
      { sso: false, integrations: true },
      { EUR: 2100, USD: 2400, CAD: 3200 },
      { EUR: 21600, USD: 24000, CAD: 32400 },
    ),
    odPlan(
      'od-enterprise',
      'OrbitDesk Enterprise',
      3,
      { sso: true, integrations: true },
      { EUR: 3200, USD: 3600, CAD: 4800 },
      { EUR: 32400, USD: 36000, CAD: 48000 },
    ),
    {
      key: 'wz-uc',
      name: 'Wizvox Unified Communications',
      names: { fr: 'Wizvox Communications unifiées', de: 'Wizvox Unified Communications' },
      modules: ['wz-uc'],
      rank: 1,
      trial_days: 0,
      cancellation_window_hours: 72,
      // Seats come from the subscription's quantity or, under a reseller, from its allocations.
      entitlements: [standing('wz-user-licences', 0)],
      // A longer commitment, a bigger discount: the annual licence costs ten months.
      prices: [perSeat('month', 'EUR', 600), perSeat('year', 'EUR', 6000)],
    },
    erpPlan(
      'erp-essential',
      'Gestia Essential',
      1,
      ['erp-sales', 'erp-crm', 'erp-emailing'],
      { linkedCompanies: 3, support: false },
      { month: 4900, year: 49000, extraUserMonth: 1500, extraUserYear: 15000 },
      { fr: 'Gestia Essentiel', de: 'Gestia Basis' },
    ),
    erpPlan(
      'erp-complete',
      'Gestia Complete',
      2,
      [...ERP_MODULES],
      { linkedCompanies: 10, support: true },
      { month: 8900, year: 89000, extraUserMonth: 1500, extraUserYear: 15000 },
      { fr: 'Gestia Complet', de: 'Gestia Komplett' },
    ),
  ],
  addons: [
    ...ERP_MODULES.map(erpUserPack),
    {
      key: 'erp-pack-emails-5000',
      name: 'Gestia e-mail pack — 5,000 e-mails',
      names: { fr: 'Pack e-mails Gestia — 5 000 e-mails', de: 'Gestia-E-Mail-Paket — 5.000 E-Mails' },
      modules: ['erp-emailing'],
      grants: [{ feature: 'erp-email-credits', amount: 5000 }],
      prices: [addonPrice('once', 'EUR', 2500)],
    },
    {
      key: 'erp-pack-linked-companies',
      name: 'Gestia linked companies pack — 5 companies',
      names: {
        fr: 'Pack sociétés liées Gestia — 5 sociétés',
        de: 'Gestia-Paket verbundene Unternehmen — 5 Unternehmen',
      },
      modules: ['erp-sales'],
      grants: [{ feature: 'erp-linked-companies', amount: 5 }],
      prices: [addonPrice('month', 'EUR', 900), addonPrice('year', 'EUR', 9000)],
    },
    {
      key: 'erp-pack-support',
      name: 'Gestia support pack',
      names: { fr: 'Pack assistance Gestia', de: 'Gestia-Supportpaket' },
      modules: ['erp-sales'],
      grants: [{ feature: 'erp-support', amount: 1 }],
      prices: [addonPrice('month', 'EUR', 2900), addonPrice('year', 'EUR', 29000)],
    },
    {
      key: 'erp-onboarding-training',
      name: 'Gestia onboarding training (2 web sessions)',
      names: {
        fr: 'Formation à la prise en main Gestia (2 sessions en ligne)',
        de: 'Gestia-Einführungsschulung (2 Online-Sitzungen)',
      },
      modules: ['erp-sales'],
      grants: [{ feature: 'erp-training-sessions', amount: 2 }],
      prices: [addonPrice('once', 'EUR', 39000)],
    },
  ],
  pricing_tables: [DEMO_PRICING_TABLE],
};

/** The demo vendor, as its invoices name it. */
export const DEMO_VENDOR = {
  legal_name: 'Allot Démo SAS',
  address: { line1: '24 quai Rambaud', postal_code: '69002', city: 'Lyon', country: 'FR' },
  vat_number: 'FR40303265045',
  registration_number: 'RCS Lyon 303 265 045',
  email: 'facturation@allot-demo.example',
  payment_terms_days: 30,
  bank: {
    account_holder: 'Allot Démo SAS',
    iban: 'FR7630006000011234567890189',
    bic: 'AGRIFRPP',
    bank_name: 'Crédit Agricole',
  },
};

// ── accounts and users ──────────────────────────────────────────────────────────────────────────────────

type DemoUser = UserInput & { external_id: string };

interface DemoAccount {
  /** The parent's external_id. */
  parent?: string;
  account: AccountInput & { external_id: string };
  users: DemoUser[];
}

const u = (
  external_id: string,
  name: string,
  email: string,
  roles: UserInput['roles'],
  modules: string[] = [],
): DemoUser => ({ external_id, name, email, roles, modules });

/** Parents before children. */
const DEMO_ACCOUNTS: DemoAccount[] = [
  // TeamWeave customers: one licence per organisation, every user free.
  {
    account: {
      external_id: 'demo-tw-lumiere',
      name: 'Lumière Conseil SARL',
      currency: 'EUR',
      timezone: 'Europe/Paris',
      locale: 'fr',
      billing_period: 'month',
      tax_rate_bps: 2000,
      legal_name: 'Lumière Conseil SARL',
      billing_address: { line1: '8 rue Mercière', postal_code: '69002', city: 'Lyon', country: 'FR' },
      vat_number: 'FR61512345678',
    },
    users: [
      u('demo-tw-lumiere-crousseau', 'Camille Rousseau', 'camille.rousseau@lumiere-conseil.example.fr', [
        'owner',
      ]),
      u('demo-tw-lumiere-apetit', 'Antoine Petit', 'antoine.petit@lumiere-conseil.example.fr', [
        'subscription_manager',
      ]),
      u('demo-tw-lumiere-lfontaine', 'Léa Fontaine', 'lea.fontaine@lumiere-conseil.example.fr', ['member']),
    ],
  },
  {
    account: {
      external_id: 'demo-tw-harbor',
      name: 'Harbor Freight Logistics Inc.',
      currency: 'USD',
      timezone: 'America/New_York',
      locale: 'en',
      billing_period: 'year',
      tax_rate_bps: 0,
    },
    users: [
      u('demo-tw-harbor-ecarter', 'Emily Carter', 'emily.carter@harbor-logistics.example.com', [
        'owner',
        'subscription_manager',
      ]),
      u('demo-tw-harbor-mbrooks', 'Michael Brooks', 'michael.brooks@harbor-logistics.example.com', [
        'member',
      ]),
      u('demo-tw-harbor-snguyen', 'Sarah Nguyen', 'sarah.nguyen@harbor-logistics.example.com', ['member']),
    ],
  },

  // OrbitDesk customers: agents hold licences; their own customers are not users.
  {
    account: {
      external_id: 'demo-od-erable',
      name: 'Services Techniques Érable inc.',
      currency: 'CAD',
      timezone: 'America/Toronto',
      locale: 'fr',
      billing_period: 'year',
      tax_rate_bps: 0,
    },
    users: [
      u(
        'demo-od-erable-otremblay',
        'Olivia Tremblay',
        'olivia.tremblay@erable.example.com',
        ['owner'],
        ['od-helpdesk', 'od-projects'],
      ),
      u(
        'demo-od-erable-lgagnon',
        'Louis Gagnon',
        'louis.gagnon@erable.example.com',
        ['subscription_manager'],
        ['od-helpdesk'],
      ),
      u(
        'demo-od-erable-nroy',
        'Nathalie Roy',
        'nathalie.roy@erable.example.com',
        ['member'],
        ['od-helpdesk'],
      ),
      u(
        'demo-od-erable-cbouchard',
        'Chloé Bouchard',
        'chloe.bouchard@erable.example.com',
        ['member'],
        ['od-helpdesk'],
      ),
    ],
  },
  {
    account: {
      external_id: 'demo-od-kestrel',
      name: 'Kestrel Analytics Ltd',
      currency: 'EUR',
      timezone: 'Europe/Dublin',
      locale: 'en',
      billing_period: 'month',
      tax_rate_bps: 2300,
    },
    users: [
      u('demo-od-kestrel-amurphy', 'Aoife Murphy', 'aoife.murphy@kestrel-analytics.example.com', [
        'owner',
        'subscription_manager',
      ]),
      u('demo-od-kestrel-cwalsh', 'Conor Walsh', 'conor.walsh@kestrel-analytics.example.com', ['member']),
      u('demo-od-kestrel-skelly', 'Siobhán Kelly', 'siobhan.kelly@kestrel-analytics.example.com', ['member']),
    ],
  },

  // Wizvox: a reseller, its customers (billed to it, in its currency) and their sites.
  {
    account: {
      external_id: 'demo-wz-telecom-partner',
      name: 'Telecom Partner SAS',
      kind: 'partner',
      currency: 'EUR',
      timezone: 'Europe/Paris',
      locale: 'fr',
      billing_period: 'month',
      tax_rate_bps: 2000,
    },
    users: [
      u('demo-wz-partner-cdubois', 'Claire Dubois', 'claire.dubois@telecom-partner.example.fr', [
        'owner',
        'subscription_manager',
      ]),
      u('demo-wz-partner-jmoreau', 'Julien Moreau', 'julien.moreau@telecom-partner.example.fr', ['member']),
    ],
  },
  ...wazoCustomer(
    'demo-wz-boulangeries-martin',
    'Boulangeries Martin SARL',
    'month',
    'boulangeries-martin.example.fr',
    [
      u('demo-wz-martin-mmartin', 'Marc Martin', 'marc.martin@boulangeries-martin.example.fr', [
        'subscription_manager',
      ]),
      u('demo-wz-martin-nhaddad', 'Nadia Haddad', 'nadia.haddad@boulangeries-martin.example.fr', ['member']),
    ],
    [
      { slug: 'lyon', name: 'Lyon Part-Dieu', user: ['Pauline', 'Girard'] },
      { slug: 'villeurbanne', name: 'Villeurbanne', user: ['Karim', 'Benali'] },
    ],
  ),
  ...wazoCustomer(
    'demo-wz-lefevre-avocats',
    'Cabinet Lefèvre Avocats',
    'year',
    'lefevre-avocats.example.fr',
    [
      u('demo-wz-lefevre-ilefevre', 'Isabelle Lefèvre', 'isabelle.lefevre@lefevre-avocats.example.fr', [
        'owner',
      ]),
      u('demo-wz-lefevre-hbernard', 'Hugo Bernard', 'hugo.bernard@lefevre-avocats.example.fr', [
        'subscription_manager',
      ]),
    ],
    [
      { slug: 'paris', name: 'Paris 8e', user: ['Élodie', 'Mercier'] },
      { slug: 'bordeaux', name: 'Bordeaux', user: ['Thomas', 'Lambert'] },
    ],
  ),

  // Gestia ERP: a German customer; users hold a seat in each module they may open.
  {
    account: {
      external_id: 'demo-erp-mueller-schmidt',
      name: 'Müller & Schmidt Maschinenbau GmbH',
      currency: 'EUR',
      timezone: 'Europe/Berlin',
      locale: 'de',
      billing_period: 'month',
      tax_rate_bps: 1900,
      legal_name: 'Müller & Schmidt Maschinenbau GmbH',
      billing_address: {
        line1: 'Industriestraße 12',
        postal_code: '70565',
        city: 'Stuttgart',
        country: 'DE',
      },
      vat_number: 'DE811234567',
    },
    users: [
      u(
        'demo-erp-ms-kmueller',
        'Katrin Müller',
        'katrin.mueller@mueller-schmidt.example.de',
        ['owner'],
        [...ERP_MODULES],
      ),
      u(
        'demo-erp-ms-jschmidt',
        'Jonas Schmidt',
        'jonas.schmidt@mueller-schmidt.example.de',
        ['subscription_manager'],
        ['erp-sales', 'erp-accounting'],
      ),
      u(
        'demo-erp-ms-abecker',
        'Anna Becker',
        'anna.becker@mueller-schmidt.example.de',
        ['member'],
        ['erp-sales', 'erp-crm'],
      ),
      u(
        'demo-erp-ms-lwagner',
        'Lukas Wagner',
        'lukas.wagner@mueller-schmidt.example.de',
        ['member'],
        ['erp-accounting'],
      ),
    ],
  },
];

/**
 * A reseller's customer and its two sites. Seat billing under the reseller moved from used to
 * allocated seats on 1 November 2022 (seed 002); each site has one phone user.
 */
function wazoCustomer(
  externalId: string,
  name: string,
  billingPeriod: 'month' | 'year',
  domain: string,
  users: DemoUser[],
  sites: { slug: string; name: string; user: [string, string] }[],
): DemoAccount[] {
  return [
    {
      parent: 'demo-wz-telecom-partner',
      account: {
        external_id: externalId,
        name,
        kind: 'customer',
        currency: 'EUR',
        billing_period: billingPeriod,
        bill_to_parent: true,
        billing_basis: [
          { from: '2022-08-01', basis: 'used' },
          { from: '2022-11-01', basis: 'allocated' },
        ],
      },
      users,
    },
    ...sites.map((site) => {
      const [first, last] = site.user;
      const local = `${first}.${last}`
        .normalize('NFD')
        .replace(/[\u0300-\u036f]/g, '')
        .toLowerCase();
      return {
        parent: externalId,
        account: {
          external_id: `${externalId}-${site.slug}`,
          name: site.name,
          kind: 'site' as const,
          currency: 'EUR',
          bill_to_parent: true,
        },
        users: [
          u(
            `${externalId}-${site.slug}-${local.replace('.', '-')}`,
            `${first} ${last}`,
            `${local}@${domain}`,
            ['member'],
            ['wz-uc'],
          ),
        ],
      };
    }),
  ];
}

/** Seats the reseller allocated to each of its customers' sites. */
const DEMO_ALLOCATIONS: [site: string, seats: number][] = [
  ['demo-wz-boulangeries-martin-lyon', 3],
  ['demo-wz-boulangeries-martin-villeurbanne', 2],
  ['demo-wz-lefevre-avocats-paris', 4],
  ['demo-wz-lefevre-avocats-bordeaux', 2],
];

// ── loading ────────────────────────────────────────────────────────────────────────────────────────────

/**
 * Loads the demo workspace into the scope's tenant, all or nothing: the caller runs it in a
 * transaction (`scope.transaction(...)`), and it opens one itself if not.
 */
export async function loadDemo(scope: TenantScope, now: Temporal.Instant): Promise<DemoSummary> {
  const clock = fixedClock(now);
  return scope.transaction(async (tx) => {
    await importCatalog(tx, DEMO_ACTOR, DEMO_CATALOG, now);
    // The vendor's legal details, printed on every invoice and carried in its Factur-X XML.
    await updateTenantSettings(tx, DEMO_ACTOR, DEMO_VENDOR, now);
    // The key the demo page embeds the table with; Allot's own origin is always allowed besides.
    await createApiKey(
      tx,
      { type: 'key', id: 'demo' },
      {
        type: 'publishable',
        name: DEMO_KEY_NAME,
        allowed_origins: ['http://localhost:4000', 'http://127.0.0.1:4000'],
      },
      now,
    );

    const ids = new Map<string, string>();
    for (const { parent, account } of DEMO_ACCOUNTS) {
      const parentId = parent === undefined ? null : ids.get(parent);
      if (parentId === undefined) throw new Error(`demo: ${account.external_id} is listed before its parent`);
      const view = await createAccount(tx, DEMO_ACTOR, { ...account, parent_id: parentId }, clock);
      ids.set(account.external_id, view.id);
    }

    // Subscriptions and allocations before users: users take seats, and seats are enforced.
    const subscribe = (account: string, plan: string, extra: Record<string, unknown> = {}) =>
      createSubscription(tx, DEMO_ACTOR, { account: ids.get(account)!, plan, ...extra }, clock);
    await subscribe('demo-tw-lumiere', 'tw-premium', { billing_period: 'month' });
    await subscribe('demo-tw-harbor', 'tw-professional', { billing_period: 'year' });
    await subscribe('demo-od-erable', 'od-premium', { billing_period: 'year', quantity: 4 });
    await subscribe('demo-od-kestrel', 'od-standard', { billing_period: 'month', quantity: 3, trial: true });
    await subscribe('demo-wz-telecom-partner', 'wz-uc', { billing_period: 'month', quantity: 20 });
    await subscribe('demo-erp-mueller-schmidt', 'erp-complete', {
      billing_period: 'month',
      addons: [
        { addon: 'erp-pack-users-sales', quantity: 1 },
        { addon: 'erp-pack-emails-5000' },
        { addon: 'erp-onboarding-training' },
      ],
    });
    // The reseller hands its 20 licences out per site (S7); its customers are billed on them.
    for (const [site, seats] of DEMO_ALLOCATIONS)
      await setAllocation(
        tx,
        DEMO_ACTOR,
        ids.get(site)!,
        'wz-user-licences',
        seats,
        clock,
        'set by the parent',
      );
    for (const { account } of DEMO_ACCOUNTS.filter((a) => a.account.billing_basis?.length))
      await subscribe(account.external_id, 'wz-uc', { billing_period: account.billing_period });

    let users = 0;
    for (const { account, users: people } of DEMO_ACCOUNTS) {
      for (const person of people) {
        await addUser(tx, DEMO_ACTOR, ids.get(account.external_id)!, person, clock);
        users++;
      }
    }

    // A month under way: enough use that the portal's meters and notices have something to say.
    const usage: [account: string, feature: string, quantity: number][] = [
      ['demo-tw-lumiere', 'tw-tickets', 412],
      ['demo-tw-lumiere', 'tw-checklists', 96],
      ['demo-tw-lumiere', 'tw-crm-opportunities', 250],
      ['demo-tw-harbor', 'tw-tickets', 640],
      ['demo-erp-mueller-schmidt', 'erp-email-credits', 1200],
    ];
    await ingestUsageEvents(
      tx,
      usage.map(([account, feature, quantity]) => ({
        id: `demo-${account}-${feature}`,
        account: ids.get(account)!,
        feature,
        quantity,
      })),
      clock,
    );

    return {
      features: DEMO_CATALOG.features.length,
      plans: DEMO_CATALOG.plans.length,
      addons: DEMO_CATALOG.addons.length,
      accounts: DEMO_ACCOUNTS.length,
      users,
    };
  });
}
