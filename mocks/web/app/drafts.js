// Saving the draft in progress: first POST creates it, later PUTs update it (reference §3.5.6).
import { api } from './api.js';
import { recordEvent } from './rum.js';
import { store } from './store.js';

export const snapshot = (d = store.draft) =>
  JSON.stringify([d.recipientId ?? null, d.category || '', d.subject || '', d.body || '']);

export const hasTyped = (d = store.draft) => Boolean(d.category || d.subject || (d.body && d.body.trim()));
export const isComplete = (d = store.draft) =>
  Boolean(d.recipientId && d.category && d.subject && d.body && d.body.trim());
// Dirty: changed since the last save, or since the form first showed (a signature-prefilled body is
// not a change).
export const isDirty = (d = store.draft) =>
  hasTyped(d) && snapshot(d) !== (d.savedSnapshot || d.baselineSnapshot || snapshot({}));

let inFlight = Promise.resolve();

// type: 'auto' | 'manual' | 'manual-confirmed'. Resolves true on success. `bodySuffix` is only for a
// seeded defect (signature_saved_in_draft): the real app saves the message body alone.
export function saveDraft(type, { bodySuffix = '' } = {}) {
  inFlight = inFlight.then(async () => {
    const d = store.draft;
    const body = {
      recipientId: d.recipientId, category: d.category, subject: d.subject, body: `${d.body}${bodySuffix}`,
    };
    const taken = snapshot(d);
    try {
      if (d.messageId) {
        await api.updateDraft(d.messageId, body);
      } else {
        const response = await api.createDraft(body);
        d.messageId = response?.data?.attributes?.messageId ?? Number(response?.data?.id);
      }
      d.savedSnapshot = taken;
      d.savedAt = new Date();
      d.saveError = false;
      recordEvent({
        event: 'secure-messaging-save-draft-type',
        'secure-messaging-save-draft': type,
        'secure-messaging-save-draft-id': d.messageId,
      });
      return true;
    } catch {
      d.saveError = true;
      return false;
    }
  });
  return inFlight;
}
