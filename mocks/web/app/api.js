// The one API client: vets-api paths, camelCase inflection, VA error bodies turned into ApiError.
const SM = '/my_health/v1/messaging';
const TOOLTIPS = '/my_health/v1/tooltips';

// A send with attachments: the message as a JSON string plus one `uploads[]` part per file; the
// browser sets the multipart boundary.
function multipart(message, files) {
  const form = new FormData();
  form.append('message', JSON.stringify(message));
  for (const file of files) form.append('uploads[]', file, file.name);
  return form;
}

export class ApiError extends Error {
  constructor(status, body) {
    const first = body?.errors?.[0];
    super(first?.detail || `HTTP ${status}`);
    this.status = status;
    this.code = first?.code || null;
    this.errors = body?.errors || [];
  }
}

async function request(method, path, { body, query } = {}) {
  const url = new URL(path, window.location.origin);
  for (const [k, v] of Object.entries(query || {})) url.searchParams.set(k, v);
  let response;
  try {
    response = await fetch(url, {
      method,
      credentials: 'include',
      headers: {
        'X-Key-Inflection': 'camel',
        'Source-App-Name': 'mhv-secure-messaging',
        ...(body !== undefined && !(body instanceof FormData) ? { 'Content-Type': 'application/json' } : {}),
      },
      body: body === undefined || body instanceof FormData ? body : JSON.stringify(body),
    });
  } catch (err) {
    throw new ApiError(0, { errors: [{ detail: String(err), code: 'NETWORK', status: '0' }] });
  }
  const text = await response.text();
  let data = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null;
  }
  if (!response.ok) throw new ApiError(response.status, data);
  return data;
}

function flipperId() {
  const match = document.cookie.match(/(?:^|;\s*)FLIPPER_ID=([^;]+)/);
  if (match) return match[1];
  const id = crypto.randomUUID();
  document.cookie = `FLIPPER_ID=${id}; path=/; SameSite=Lax`;
  return id;
}

export const api = {
  user: () => request('GET', '/v0/user'),
  featureToggles: () => request('GET', '/v0/feature_toggles', { query: { cookie_id: flipperId() } }),
  vamcEhr: () => request('GET', '/data/cms/vamc-ehr.json'),
  allRecipients: () => request('GET', `${SM}/allrecipients`, { query: { useCache: 'false' } }),
  searchSent: (fromDate, toDate) => request('POST', `${SM}/folders/-1/search`, { body: { fromDate, toDate } }),
  folders: () => request('GET', `${SM}/folders`, { query: { page: 1, per_page: 999, useCache: 'false' } }),
  threads: (folderId, pageSize = 10) =>
    request('GET', `${SM}/folders/${folderId}/threads`, {
      query: { pageSize, pageNumber: 1, sortField: 'SENT_DATE', sortOrder: 'DESC' },
    }),
  categories: () => request('GET', `${SM}/messages/categories`),
  signature: () => request('GET', `${SM}/preferences/signature`),
  createDraft: (draft) => request('POST', `${SM}/message_drafts`, { body: draft }),
  updateDraft: (id, draft) => request('PUT', `${SM}/message_drafts/${id}`, { body: draft }),
  deleteDraft: (id) => request('DELETE', `${SM}/messages/${id}`),
  send: (message, { ohTriageGroup, files = [] }) =>
    request('POST', `${SM}/messages`, {
      body: files.length ? multipart(message, files) : message,
      query: ohTriageGroup ? { is_oh_triage_group: 'true' } : {},
    }),
  saveContactList: (updatedTriageTeams) =>
    request('POST', `${SM}/preferences/recipients`, { body: { updatedTriageTeams } }),
  // In-product education hints (per-user tooltip records).
  tooltips: () => request('GET', TOOLTIPS),
  createTooltip: (tooltipName) => request('POST', TOOLTIPS, { body: { tooltip: { tooltipName, hidden: false } } }),
  incrementTooltip: (id) => request('PATCH', `${TOOLTIPS}/${id}`, { query: { increment_counter: 'true' } }),
  hideTooltip: (id) => request('PATCH', `${TOOLTIPS}/${id}`, { body: { tooltip: { hidden: true } } }),
};
