// No framework, no build step, no dependency: a waterfall is positioned bars, nothing is built at install, and the
// page works offline. This module wires the form, the recent requests and the stage to the address's #fragment.
import * as api from './api.js';
import { legend } from './colors.js';
import { differenceReport, matchStatements } from './compare.js';
import { attachDetails } from './details.js';
import { renderRecent } from './recent.js';
import { pathsOf } from './rows.js';
import { axis, el, timeScale } from './scale.js';
import { waterfall } from './waterfall.js';

const $ = (selector) => document.querySelector(selector);
const form = $('#run-form');
const stage = $('#stage');
const recentTable = $('#recent');
const status = $('#status');
let examples = [];
let picked = {};
/** GraphQL errors of the last Run, said once its waterfalls are drawn. */
let runProblems = [];

const say = (text, isError = false) => {
  status.textContent = text;
  status.classList.toggle('error', isError);
};

/** Draws `timelines` stacked on one time axis, scaled to the longest; `options[i]` goes to waterfall i. */
function drawStack(heading, timelines, options = []) {
  const scale = timeScale(Math.max(...timelines.map((t) => t.totalMs)));
  const paths = [...new Set(timelines.flatMap(pathsOf))].sort();
  const stack = el('div', 'stack');
  stack.append(axis(scale), ...timelines.map((t, i) => waterfall(t, scale, options[i])));
  stage.replaceChildren(el('h2', '', heading), legend(paths), stack);
}

async function refreshRecent() {
  const requests = await api.recentRequests();
  renderRecent(recentTable, requests, picked);
  return requests;
}

/** Shows what the #fragment names: `request=<id>`, `requests=<id>,<id>…` (a Run) or `compare=<a>,<b>`. */
async function route() {
  const params = new URLSearchParams(location.hash.slice(1));
  try {
    if (params.has('compare')) {
      const [a, b] = await Promise.all(params.get('compare').split(',').slice(0, 2).map(api.timeline));
      const { marks, byPath } = matchStatements(a, b);
      picked = { a: a.id, b: b.id };
      drawStack(
        `Compare A (${api.labelOf(a)}) with B (${api.labelOf(b)})`,
        [a, b],
        [
          { marks: marks.a, title: `A · ${api.labelOf(a)}` },
          { marks: marks.b, title: `B · ${api.labelOf(b)}` },
        ],
      );
      stage.querySelector('.stack').before(differenceReport(a, b, byPath));
      say(`Marked ${marks.a.size} statement${marks.a.size === 1 ? '' : 's'} only in A and ${marks.b.size} only in B.`);
    } else if (params.has('request') || params.has('requests')) {
      const ids = (params.get('request') ?? params.get('requests')).split(',');
      const timelines = await Promise.all(ids.map(api.timeline));
      drawStack(ids.length === 1 ? `Request ${ids[0]}` : `${timelines[0].operation ?? 'Run'}, ${timelines.length} ways`, timelines);
      const problems = runProblems.length ? ` · GraphQL errors: ${runProblems.join(' · ')}` : '';
      say(timelines.map((t) => `${api.labelOf(t)}: ${t.sqlCount} SQL, ${t.roundTripsInSeries} in series`).join(' · ') + problems, problems !== '');
      runProblems = [];
    }
  } catch (error) {
    say(`Could not open ${location.hash}: ${error.message}`, true);
  }
  await refreshRecent().catch(() => {});
}

/** Runs the operation once per picked strategy and await mode, one after another (so none slows another), then shows them. */
async function run(event) {
  event?.preventDefault();
  runProblems = [];
  // The last run's waterfalls go at once: what is drawn next is this run's.
  stage.replaceChildren();
  const strategies = [...form.querySelectorAll('input[name=strategy]:checked')].map((box) => box.value);
  if (!strategies.length) return say('Pick at least one strategy.', true);
  const awaitModes = [...form.querySelectorAll('input[name=await]:checked')].map((box) => box.value);
  if (!awaitModes.length) return say('Pick at least one way to await.', true);
  let variables;
  try {
    variables = form.variables.value.trim() ? JSON.parse(form.variables.value) : undefined;
  } catch (error) {
    return say(`Variables are not JSON: ${error.message}`, true);
  }
  const button = form.querySelector('button[type=submit]');
  button.disabled = true;
  try {
    const ids = [];
    for (const strategy of strategies) {
      for (const awaitMode of awaitModes) {
        const label = api.labelOf({ strategy, await: awaitMode });
        say(`Running under ${label}…`);
        const { requestId, errors } = await api.runOperation({ query: form.query.value, variables }, strategy, awaitMode, form.explain.value, {
          cache: form.cache.value,
          write: form.write.value,
        });
        ids.push(requestId);
        if (errors.length) runProblems.push(`${label}: ${errors[0].message}`);
      }
    }
    picked = { a: ids[0], b: ids[1] ?? ids[0] };
    // Drawn here, not by the hashchange a new hash would fire: the run is over once its waterfalls are on screen.
    history.pushState(null, '', `#requests=${ids.join(',')}`);
    await route();
  } catch (error) {
    say(error.message, true);
  } finally {
    button.disabled = false;
  }
}

function pickExample(name) {
  const example = examples.find((e) => e.name === name);
  if (!example) return;
  form.query.value = example.query.trim();
  form.variables.value = example.variables ? JSON.stringify(example.variables, null, 2) : '';
}

async function start() {
  attachDetails(stage);
  form.addEventListener('submit', run);
  form.example.addEventListener('change', () => pickExample(form.example.value));
  $('#refresh').addEventListener('click', () => refreshRecent());
  recentTable.addEventListener('change', ({ target }) => (picked = { ...picked, [target.name.slice(-1)]: target.value }));
  $('#compare').addEventListener('click', () => {
    const { a, b } = picked;
    if (!a || !b) return say('Pick an A and a B in the recent requests.', true);
    location.hash = `compare=${a},${b}`;
  });
  window.addEventListener('hashchange', route);
  // Back from GraphiQL in another tab: its requests are in the list without a click on Refresh.
  window.addEventListener('focus', () => refreshRecent().catch(() => {}));
  examples = await api.examples().catch((error) => (say(`Could not load the examples: ${error.message}`, true), []));
  form.example.replaceChildren(...examples.map((e) => Object.assign(el('option', '', e.name), { value: e.name })));
  pickExample(examples[0]?.name);
  // Opened with nothing to show: the first example (the README's query) under the default strategies, at once.
  if (!location.hash && examples.length) await run();
  else await route();
  document.body.dataset.ready = 'true';
}

start();
