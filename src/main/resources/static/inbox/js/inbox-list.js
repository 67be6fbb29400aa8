// Item 2: the referrals my organization owns, newest first, paged, with filters. The server adds
// the organization criterion itself (owner = the token's organization), so counts and pages are exact.
import { h, show } from './dom.js';
import { byReference, display, fhir, personName, resources } from './fhir.js';
import { formatDate, t } from './i18n.js';
import {
  DOMAINS, SDOHCC_CODES, STATUSES, TASK_CODES, domainLabel, domainOf, isOverdue, statusLabel,
} from './terminology.js';

const PAGE_SIZE = 20;

export async function renderInbox(main, query) {
  const filters = {
    status: query.get('status') || '',
    domain: query.get('domain') || '',
    name: query.get('name') || '',
    page: Math.max(0, Number.parseInt(query.get('page') || '0', 10) || 0),
  };
  const bundle = await fhir(`Task?${searchParameters(filters)}`);
  const included = byReference(bundle);
  const tasks = resources(bundle, 'Task');
  document.title = `${t('inboxTitle')} · ${t('appTitle')}`;
  show(main,
    h('h1', { tabindex: '-1' }, t('inboxTitle')),
    filterForm(filters),
    h('p', { id: 'result-count' }, countText(bundle.total, filters.page, tasks.length)),
    tasks.length
      ? h('ul', { class: 'cards', 'aria-describedby': 'result-count' }, tasks.map((task) => card(task, included)))
      : h('p', {}, t('inboxEmpty')),
    pager(filters, bundle),
  );
}

function searchParameters(filters) {
  const parameters = new URLSearchParams({
    code: `${TASK_CODES}|fulfill`,
    _sort: '-authored-on',
    _count: String(PAGE_SIZE),
    _offset: String(filters.page * PAGE_SIZE),
  });
  parameters.append('_include', 'Task:patient');
  parameters.append('_include', 'Task:focus');
  if (filters.status) {
    parameters.set('status', filters.status);
  }
  if (filters.domain) {
    parameters.set('focus:ServiceRequest.category', `${SDOHCC_CODES}|${filters.domain}`);
  }
  if (filters.name) {
    parameters.set('patient.name', filters.name);
  }
  return parameters;
}

function filterForm(filters) {
  const select = (id, label, value, options) => [
    h('label', { for: id }, label),
    h('select', { id, name: id }, h('option', { value: '' }, t('filterAll')),
      options.map(([code, text]) => h('option', { value: code, selected: code === value }, text))),
  ];
  return h('form', {
    class: 'filters',
    role: 'search',
    'aria-label': t('filtersLabel'),
    onsubmit: (event) => {
      event.preventDefault();
      const form = new FormData(event.target);
      const chosen = new URLSearchParams([...form].filter(([, v]) => v));
      location.hash = `#/?${chosen}`;
    },
  },
  h('div', {}, select('status', t('filterStatus'), filters.status, STATUSES.map((s) => [s, statusLabel(s)]))),
  h('div', {}, select('domain', t('filterDomain'), filters.domain,
    DOMAINS.map((d) => [d, domainLabel({ code: d })]))),
  h('div', {}, h('label', { for: 'name' }, t('filterName')),
    h('input', { id: 'name', name: 'name', type: 'search', value: filters.name, autocomplete: 'off' })),
  h('div', { class: 'filter-actions' }, h('button', { type: 'submit' }, t('filterApply'))));
}

function countText(total, page, shown) {
  if (!shown) {
    return '';
  }
  // No _total=accurate: the server's consent layer refuses it (counts could reveal withheld data).
  const first = page * PAGE_SIZE + 1;
  const last = first + shown - 1;
  return total === undefined ? t('inboxRange', { first, last }) : t('inboxCount', { first, last, total });
}

function card(task, included) {
  const client = included.get(task.for?.reference);
  const request = included.get(task.focus?.reference);
  return h('li', { class: 'card' },
    h('h2', {}, h('a', { href: `#/referral/${task.id}` }, personName(client) || t('clientUnknown'))),
    h('p', { class: 'badges' },
      task.status === 'requested' ? h('span', { class: 'badge new' }, t('markerNew')) : null,
      isOverdue(task) ? h('span', { class: 'badge overdue' }, t('markerOverdue')) : null,
      h('span', { class: `badge status-${task.status}` }, statusLabel(task.status))),
    h('p', {}, display(request?.code)),
    h('p', { class: 'meta' }, [domainLabel(domainOf(request)), t('receivedOn', { date: formatDate(task.authoredOn) })]
      .filter(Boolean).join(' · ')));
}

function pager(filters, bundle) {
  const hasNext = (bundle.link || []).some((l) => l.relation === 'next');
  if (!hasNext && filters.page === 0) {
    return null;
  }
  const link = (page, text, rel) => {
    const query = new URLSearchParams(Object.entries({ ...filters, page: String(page) }).filter(([, v]) => v && v !== '0'));
    return h('a', { href: `#/?${query}`, rel }, text);
  };
  return h('nav', { class: 'pager', 'aria-label': t('pagerLabel') },
    filters.page > 0 ? link(filters.page - 1, t('pagerPrevious'), 'prev') : null,
    h('span', {}, t('pagerPage', { page: filters.page + 1 })),
    hasNext ? link(filters.page + 1, t('pagerNext'), 'next') : null);
}
