// Boot: register the VA web components, start Datadog RUM (rum.js), load toggles/user/static data (showing the
// feature-toggle loading indicator meanwhile), fetch recipients, then hand over to the router.
import { defineCustomElements } from '/sm-web/node_modules/@department-of-veterans-affairs/web-components/dist/esm/loader.js';
import { setRumUser } from './rum.js';
import { loading } from './components.js';
import { startRouter } from './router.js';
import { loadAppData, loadRecipients, store } from './store.js';
import { careTeamHelp } from './pages/care-team-help.js';
import { contactList } from './pages/contact-list.js';
import { folder, moreFolders } from './pages/folder.js';
import { newMessage } from './pages/interstitial.js';
import { notFound } from './pages/not-found.js';
import { recentCareTeams } from './pages/recent-care-teams.js';
import { selectCareTeam } from './pages/select-care-team.js';
import { editDraft, startMessage } from './pages/start-message.js';
import { curatedOnly } from './pages/guards.js';
import { defects } from './defects.js';

defineCustomElements(window);

// React Router's `exact` routes (not `strict`): every address answers with or without its trailing
// slash. The seeded defect writes one route strictly, so its slash-less form is "Page not found".
const selectCareTeamRoute = defects.slashlessPathNotFound()
  ? /^\/new-message\/select-care-team\/$/
  : /^\/new-message\/select-care-team\/?$/;
// seeded defect: a route that marks the interstitial accepted itself, so a bookmark skips it
const skipsInterstitial = (page) => (ctx) => {
  store.acceptInterstitial = true;
  return page(ctx);
};
const recentPage = defects.recentSkipsInterstitial() ? skipsInterstitial(recentCareTeams) : recentCareTeams;

const ROUTES = [
  [/^\/$/, (ctx) => ctx.router.push('/inbox/', { replace: true, force: true })],
  [/^\/inbox\/?$/, folder('inbox')],
  [/^\/sent\/?$/, folder('sent')],
  [/^\/drafts\/?$/, folder('drafts')],
  [/^\/trash\/?$/, folder('trash')],
  [/^\/folders\/?$/, moreFolders],
  [/^\/folders\/(?<folderId>-?\d+)\/?$/, folder('custom')],
  [/^\/new-message\/?$/, newMessage],
  [/^\/new-message\/recent\/?$/, curatedOnly(recentPage)],
  [selectCareTeamRoute, curatedOnly(selectCareTeam)],
  [/^\/new-message\/start-message\/?$/, curatedOnly(startMessage)],
  [/^\/new-message\/care-team-help\/?$/, curatedOnly(careTeamHelp)],
  [/^\/contact-list\/?$/, contactList],
  [/^\/(?:draft|thread)\/(?<draftId>\d+)\/?$/, editDraft],
];

async function boot() {
  const routesEl = document.getElementById('sm-routes');
  const container = routesEl.parentElement;
  const indicator = loading('Loading your secure messages...', 'feature-flag-loading-indicator');
  routesEl.hidden = true;
  container.prepend(indicator);
  await loadAppData();
  setRumUser(store.user?.account?.accountUuid);
  indicator.remove();
  routesEl.hidden = false;
  loadRecipients(); // FetchRecipients on App mount; pages await it
  startRouter(routesEl, ROUTES, notFound);
}

boot();
