// Datadog's browser RUM SDK (@datadog/browser-rum, loaded from node_modules by index.html as
// window.DD_RUM), initialised as vets-website's Secure Messaging App does (useDatadogRum), and the GA
// dataLayer. Only `proxy` differs: every batch goes to the mock's intake, so nothing leaves the machine.
import { defects } from './defects.js';

const config = window.SM_STANDIN_CONFIG || {};
window.dataLayer = window.dataLayer || [];

// The real app's options (mhv-secure-messaging containers/App.jsx); ids are placeholders, never Datadog's.
export const RUM_INIT = {
  applicationId: '00000000-0000-4000-8000-000000000000',
  clientToken: 'pub00000000000000000000000000000000',
  site: 'ddog-gov.com',
  service: 'va.gov-mhv-secure-messaging',
  env: 'standin',
  sessionSampleRate: defects.rumSessionSampleRate(),
  sessionReplaySampleRate: 50,
  trackInteractions: true,
  trackFrustrations: true,
  trackUserInteractions: true,
  trackResources: true,
  trackLongTasks: true,
  defaultPrivacyLevel: 'mask-user-input',
};

const rum = window.DD_RUM;
if (rum && config.rumProxy && !rum.getInitConfiguration()) {
  // The harness's sessions (rumReplay false): the same configuration, but replay recording is never
  // started (a large share of the suite's browser CPU, and no check reads it). `--rum-replay` records it.
  const replay = config.rumReplay !== false;
  const manual = replay ? {} : { startSessionReplayRecordingManually: true };
  rum.init({ ...RUM_INIT, proxy: config.rumProxy, ...manual });
  if (replay) rum.startSessionReplayRecording();
}

export function addAction(name, context) {
  window.DD_RUM?.addAction(name, context || {});
}

// setDatadogRumUser({ id: accountUuid }), as the real App does once the user loads: never personal data.
export function setRumUser(accountUuid) {
  if (accountUuid && window.DD_RUM?.getInitConfiguration()) window.DD_RUM.setUser({ id: accountUuid });
}

// vets-website's recordEvent: a plain push onto the GA dataLayer.
export function recordEvent(event) {
  window.dataLayer.push(event);
}

// Design-system components with enable-analytics emit this event; the platform forwards it to GA.
document.addEventListener('component-library-analytics', (event) => {
  const { componentName, action, details } = event.detail || {};
  recordEvent({ event: `int-${componentName}-${action}`, ...details });
});
