// The metrics page: reads the referral MeasureReports from the FHIR API (with whatever credentials
// the browser has: a bearer token the sign-in left in sessionStorage under "sdoh.accessToken")
// and draws them with Chart.js. Masked counts ("<5") are gaps in the charts and "<5" in the CSV.
'use strict';

const MASKED = 'http://hl7.org/fhir/StructureDefinition/data-absent-reason';
const RENDERED = 'http://hl7.org/fhir/StructureDefinition/rendered-value';
const charts = {};
const tables = {};

function isMasked(element) {
  return !!element && (element.extension || []).some(e => e.url === MASKED);
}

/** A population count of a group or stratum: a number, or '<5' when masked. */
function count(holder, code) {
  const population = (holder.population || []).find(p => p.code.coding[0].code === code);
  if (!population) return 0;
  return isMasked(population._count) ? '<5' : (population.count ?? 0);
}

function score(holder) {
  if (!holder.measureScore) return null;
  return isMasked(holder.measureScore) ? '<5' : holder.measureScore.value;
}

function group(report, code) {
  return report.group.find(g => g.code.coding[0].code === code);
}

function strata(reportGroup, stratifierCode) {
  const stratifier = (reportGroup.stratifier || []).find(s => s.code[0].coding[0].code === stratifierCode);
  return stratifier ? (stratifier.stratum || []) : [];
}

function key(stratum) {
  return stratum.value ? stratum.value.text : stratum.component.map(c => c.value.text);
}

/** An organization stratum's name (the report renders its reference with it), else its id. */
function organizationName(stratum) {
  const rendered = ((stratum.value._text || {}).extension || []).find(e => e.url === RENDERED);
  return rendered ? rendered.valueString : stratum.value.text.replace(/^Organization\//, '');
}

async function evaluate(measure, period) {
  const query = new URLSearchParams(period);
  const headers = { Accept: 'application/fhir+json' };
  const token = sessionStorage.getItem('sdoh.accessToken');
  if (token) headers.Authorization = 'Bearer ' + token;
  const response = await fetch('../fhir/Measure/' + measure + '/$evaluate-measure?' + query, { headers, credentials: 'same-origin' });
  const body = await response.json();
  if (!response.ok) {
    const issue = body.issue && body.issue[0];
    throw new Error(response.status + ': ' + (issue ? issue.diagnostics : response.statusText));
  }
  return body;
}

/**
 * Chart values are numbers or null; the table keeps what the report said ('<5' included) and, for
 * charts of organizations, their references next to the names ({@code organizations}).
 */
function draw(id, type, labels, series, options = {}, organizations = null) {
  tables[id] = { labels, series, organizations };
  const datasets = series.map(s => ({ label: s.label, data: s.values.map(v => (v === '<5' ? null : v)) }));
  if (charts[id]) charts[id].destroy();
  charts[id] = new Chart(document.getElementById(id), {
    type,
    data: { labels, datasets },
    options: Object.assign({
      animation: false,
      plugins: {
        tooltip: { callbacks: { label: c => c.dataset.label + ': ' + series[c.datasetIndex].values[c.dataIndex] } }
      }
    }, options)
  });
}

function percent(value) {
  return value === '<5' || value === null ? value : Math.round(value * 1000) / 10;
}

function volumeChart(volume) {
  const rows = strata(group(volume, 'referrals'), 'month-domain');
  const months = [...new Set(rows.map(r => key(r)[0]))];
  const domains = [...new Set(rows.map(r => key(r)[1]))];
  const value = (month, domain) => {
    const row = rows.find(r => key(r)[0] === month && key(r)[1] === domain);
    return row ? count(row, 'initial-population') : 0;
  };
  draw('volume', 'bar', months, domains.map(d => ({ label: d, values: months.map(m => value(m, d)) })),
    { scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true } } });
}

function ratesChart(response, closedLoop) {
  const accepted = strata(group(response, 'accepted'), 'owner');
  const closed = strata(group(closedLoop, 'closed-loop'), 'owner');
  const owners = accepted.map(key);
  const of = (rows, owner) => { const row = rows.find(r => key(r) === owner); return row ? percent(score(row)) : null; };
  draw('rates', 'bar', accepted.map(organizationName), [
    { label: 'accepted %', values: owners.map(o => of(accepted, o)) },
    { label: 'closed-loop %', values: owners.map(o => of(closed, o)) }
  ], { scales: { y: { beginAtZero: true, max: 100 } } }, owners);
}

function responseChart(times) {
  const bands = strata(group(times, 'accept-median-hours'), 'response-band');
  draw('response', 'bar', bands.map(b => key(b) + ' business days'),
    [{ label: 'referrals accepted', values: bands.map(b => count(b, 'measure-population')) }],
    { scales: { y: { beginAtZero: true } } });
}

function reasonsChart(reasons) {
  const rejected = strata(group(reasons, 'rejected'), 'reason');
  const cancelled = strata(group(reasons, 'cancelled'), 'reason');
  const labels = [...new Set([...rejected, ...cancelled].map(key))];
  const of = (rows, reason, code) => { const row = rows.find(r => key(r) === reason); return row ? count(row, code) : 0; };
  draw('reasons', 'bar', labels, [
    { label: 'rejected', values: labels.map(r => of(rejected, r, 'initial-population')) },
    { label: 'cancelled', values: labels.map(r => of(cancelled, r, 'initial-population')) }
  ], { indexAxis: 'y', scales: { x: { beginAtZero: true, stacked: true }, y: { stacked: true } } });
}

function tile(title, value) {
  const div = document.createElement('div');
  div.className = 'tile';
  const number = document.createElement('b');
  number.textContent = value ?? '–';
  div.append(number, document.createTextNode(title));
  return div;
}

function summary(volume, response, closedLoop, times, unanswered) {
  const median = score(group(times, 'accept-median-hours'));
  const p90 = score(group(times, 'accept-p90-hours'));
  document.getElementById('summary').replaceChildren(
    tile('referrals sent', count(group(volume, 'referrals'), 'initial-population')),
    tile('accepted', percent(score(group(response, 'accepted'))) + ' %'),
    tile('closed loop', percent(score(group(closedLoop, 'closed-loop'))) + ' %'),
    tile('median hours to accept', median),
    tile('90th percentile hours to accept', p90),
    tile('unanswered after escalation', percent(score(group(unanswered, 'overdue'))) + ' %'));
}

/** A chart's data as CSV: label (an organization's name), the organization's reference where there is one, the series. */
function csvText(id) {
  const { labels, series, organizations } = tables[id];
  const cell = v => (typeof v === 'string' && /[",\n]/.test(v) ? '"' + v.replace(/"/g, '""') + '"' : (v ?? ''));
  const reference = organizations ? i => [organizations[i]] : () => [];
  const lines = [['label', ...(organizations ? ['organization'] : []), ...series.map(s => s.label)].map(cell).join(',')];
  labels.forEach((l, i) => lines.push([l, ...reference(i), ...series.map(s => s.values[i])].map(cell).join(',')));
  return lines.join('\n') + '\n';
}

function csv(id) {
  const link = document.createElement('a');
  link.href = URL.createObjectURL(new Blob([csvText(id)], { type: 'text/csv' }));
  link.download = id + '.csv';
  link.click();
  URL.revokeObjectURL(link.href);
}

function defaultPeriod() {
  const today = new Date();
  const start = new Date(today.getFullYear(), today.getMonth() - 11, 1);
  const iso = d => d.getFullYear() + '-' + String(d.getMonth() + 1).padStart(2, '0') + '-' + String(d.getDate()).padStart(2, '0');
  return { periodStart: iso(start), periodEnd: iso(today) };
}

async function load(period) {
  document.body.dataset.state = 'loading';
  document.getElementById('status').textContent = '';
  try {
    const [volume, response, closedLoop, times, reasons, unanswered] = await Promise.all(
      ['referral-volume', 'referral-response', 'referral-closed-loop', 'referral-response-times', 'referral-reasons', 'referral-unanswered']
        .map(m => evaluate(m, period)));
    summary(volume, response, closedLoop, times, unanswered);
    volumeChart(volume);
    ratesChart(response, closedLoop);
    responseChart(times);
    reasonsChart(reasons);
    document.body.dataset.state = 'ready';
  } catch (error) {
    document.getElementById('status').textContent = 'Could not load the metrics: ' + error.message;
    document.body.dataset.state = 'error';
  }
}

function start() {
  const params = new URLSearchParams(location.search);
  const period = Object.assign(defaultPeriod(), Object.fromEntries(
    ['periodStart', 'periodEnd', 'subject'].filter(p => params.get(p)).map(p => [p, params.get(p)])));
  const form = document.getElementById('period');
  Object.entries(period).forEach(([name, value]) => { form.elements[name].value = value; });
  form.addEventListener('submit', event => {
    event.preventDefault();
    const chosen = Object.fromEntries([...new FormData(form)].filter(([, v]) => v));
    history.replaceState(null, '', '?' + new URLSearchParams(chosen));
    load(chosen);
  });
  document.querySelectorAll('button[data-csv]').forEach(b => b.addEventListener('click', () => csv(b.dataset.csv)));
  load(period);
}

start();
