// RouteLeavingGuard (type compose): leaving the flow with unsaved changes opens the
// navigation-warning modal; its buttons save, discard or keep editing (reference §3.5.6).
import { warningModal } from '../components.js';
import { saveDraft, isComplete, isDirty } from '../drafts.js';
import { defects } from '../defects.js';
import { addAction } from '../rum.js';
import { store } from '../store.js';

const FLOW = [/^\/new-message\/recent\/$/, /^\/new-message\/select-care-team\/$/,
  /^\/new-message\/start-message\/$/, /^\/thread\/[^/]+\/?$/];

const STATES = {
  UNABLE_TO_SAVE: {
    title: "We can't save this message yet",
    body: "We need more information from you before we can save this draft. You can continue editing your draft and then save it. Or you can delete it. If you delete a draft, you can't get it back.",
    primary: 'Edit draft', secondary: 'Delete draft', primaryAction: 'stay', secondaryAction: 'discard',
  },
  CONT_SAVING_DRAFT: {
    title: 'Do you want to save your draft message?',
    primary: 'Save draft', secondary: 'Delete draft', primaryAction: 'save', secondaryAction: 'discard',
  },
  CONT_SAVING_DRAFT_CHANGES: {
    title: 'Do you want to save your changes to this draft?',
    primary: 'Save changes', secondary: 'Delete changes', primaryAction: 'save', secondaryAction: 'discard',
  },
  UNABLE_TO_SAVE_DRAFT_SIGNATURE: {
    title: "We can't save your signature in a draft message",
    primary: 'Edit draft', secondary: 'Save draft without signature', primaryAction: 'stay', secondaryAction: 'save',
  },
};

export function navigationState(d = store.draft) {
  if (!isDirty(d)) return null;
  if (d.signatureTyped) return STATES.UNABLE_TO_SAVE_DRAFT_SIGNATURE;
  if (d.manualSaveFailed) return { ...STATES.UNABLE_TO_SAVE, primary: 'Continue editing' };
  if (isComplete(d)) return d.messageId ? STATES.CONT_SAVING_DRAFT_CHANGES : STATES.CONT_SAVING_DRAFT;
  return STATES.UNABLE_TO_SAVE;
}

export function installLeaveGuard(ctx, { persistPaths = [], onModal } = {}) {
  const host = document.getElementById('sm-routes');
  let modal = null;
  const close = () => {
    modal?.remove();
    modal = null;
    onModal?.(false);
  };
  ctx.router.guard = (destination) => {
    if (FLOW.some((re) => re.test(destination)) || persistPaths.includes(destination)) return true;
    const state = navigationState();
    if (!state) return true;
    const act = async (action) => {
      if (action === 'stay') return close();
      if (action === 'save') await saveDraft('manual-confirmed');
      close();
      ctx.router.push(destination, { force: true });
    };
    close();
    modal = warningModal({
      testid: 'navigation-warning-modal',
      ddName: 'Navigation Warning Modal',
      title: state.title,
      body: state.body,
      primaryText: state.primary,
      secondaryText: state.secondary,
      primaryTestid: 'route-guard-primary-button',
      secondaryTestid: 'route-guard-secondary-button',
      onPrimary: () => act(state.primaryAction),
      onSecondary: () => act(state.secondaryAction),
      // va-modal's closeEvent carries the key or click that closed it. leave_warning_escape_ignored
      // drops Escape: only the X closes the warning, and a keyboard user is stuck in it.
      onClose: (event) => {
        if (defects.leaveWarningEscapeIgnored() && event?.detail?.key === 'Escape') return;
        close();
        addAction('Navigation Warning Modal Closed', {});
      },
    });
    // RouteLeavingGuard names its leave button (the second) for RUM; the first carries no name here.
    modal.querySelector('[data-testid="route-guard-secondary-button"]')
      ?.setAttribute('data-dd-action-name', 'Confirm Navigation Leaving Button');
    host.append(modal);
    onModal?.(true);
    return false;
  };
  const beforeUnload = (event) => {
    if (navigationState()) {
      event.preventDefault();
      event.returnValue = '';
    }
  };
  window.addEventListener('beforeunload', beforeUnload);
  ctx.onLeave(() => {
    window.removeEventListener('beforeunload', beforeUnload);
    close();
  });
}
