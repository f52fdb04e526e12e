// FileInput on the compose form (FIDELITY.md "Attachments"): va-file-input-multiple, validated per
// file before it joins the message. Standard limits: 4 files, 6 MB each, 10 MB in all; large mode
// (large-attachments toggle, or cerner pilot plus an Oracle Health team): 10 files, 25 MB, 25 MB,
// and extended file types.
import { defects } from '../defects.js';
import { h } from '../dom.js';

const MB = 1024 * 1024;
const TYPES = ['doc', 'docx', 'gif', 'jpg', 'jpeg', 'pdf', 'png', 'rtf', 'txt', 'xls', 'xlsx', 'jfif', 'pjpeg', 'pjp'];
const EXTENDED = ['doc', 'docx', 'gif', 'jpg', 'jpeg', 'pdf', 'png', 'rtf', 'txt', 'xls', 'xlsx', 'bmp', 'tiff', 'tif',
  'ppt', 'pptx', 'pps', 'ppsx', 'odt', 'mp4', 'm4v', 'mov', 'wmv', 'mpg', 'jfif', 'pjpeg', 'pjp'];
const MIME = {
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  gif: 'image/gif', jpg: 'image/jpeg', jpeg: 'image/jpeg', pdf: 'application/pdf', png: 'image/png',
  rtf: 'text/rtf', txt: 'text/plain', xls: 'application/vnd.ms-excel',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  bmp: 'image/bmp', tiff: 'image/tiff', tif: 'image/tiff', ppt: 'application/vnd.ms-powerpoint',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  pps: 'application/vnd.ms-powerpoint',
  ppsx: 'application/vnd.openxmlformats-officedocument.presentationml.slideshow',
  odt: 'application/vnd.oasis.opendocument.text', mp4: 'video/mp4', m4v: 'video/x-m4v',
  mov: 'video/quicktime', wmv: 'video/x-ms-wmv', mpg: 'video/mpeg', jfif: 'image/jfif', pjpeg: 'image/pjpeg',
  pjp: 'image/pjp',
};

export const ERRORS = {
  empty: 'Your file is empty. Try attaching a different file.',
  type: "We can't attach this file type. Try attaching a DOC, DOCX, GIF, JPG, JPEG, PDF, PNG, RTF, TXT, XLS, XLSX, JFIF, PJPEG, or PJP.",
  typeExtended: "We can't attach this file type. Try attaching a DOC, DOCX, GIF, JPG, JPEG, PDF, PNG, RTF, TXT, XLS, XLSX, BMP, TIFF, TIF, PPT, PPTX, PPS, PPSX, ODT, MP4, M4V, MOV, WMV, MPG, JFIF, PJPEG, or PJP.",
  duplicate: 'You have already attached this file.',
  count: (n) => `You can only attach up to ${n} files.`,
  tooLarge: 'Your file is too large. Try attaching a file smaller than 6MB.',
  tooLargeLarge: 'Your file is too large. Try attaching a file smaller than 25MB.',
  total: 'Your files are too large. The total size of all files must be smaller than 10MB.',
  totalLarge: 'Your files are too large. The total size of all files must be smaller than 25MB.',
  // Alerts.Message: the file scanner's verdict after a send answered SM172, shown on every file.
  scan: 'Our file scanner found a problem with your attachment. To send your message, remove this attachment.',
  scanMultiple: 'Our file scanner found a problem with your attachments. To send your message, remove the attachments.',
};

export function limits(large) {
  return large
    ? { count: 10, file: 25 * MB, total: 25 * MB, types: EXTENDED, typeError: ERRORS.typeExtended,
        fileError: ERRORS.tooLargeLarge, totalError: ERRORS.totalLarge, fileText: '25 MB', totalText: '25 MB' }
    : { count: 4, file: 6 * MB, total: 10 * MB, types: TYPES, typeError: ERRORS.type,
        fileError: ERRORS.tooLarge, totalError: ERRORS.total, fileText: '6 MB', totalText: '10 MB' };
}

// The first rule a new file breaks, or null.
export function fileProblem(file, attached, lim) {
  if (file.size === 0) return ERRORS.empty;
  const extension = (file.name || '').includes('.') ? file.name.split('.').pop().toLowerCase() : '';
  if (!extension || !lim.types.includes(extension)) return lim.typeError;
  if (attached.some((a) => a.name === file.name)) return ERRORS.duplicate;
  if (attached.length >= lim.count) return ERRORS.count(lim.count);
  if (file.size > lim.file) return lim.fileError;
  // The file being added counts: files each within the per-file limit can pass the total together.
  const total = attached.reduce((sum, a) => sum + a.size, 0);
  const adding = defects.totalIgnoresNewFile() ? 0 : file.size;
  if (total + adding > lim.total) return lim.totalError;
  return null;
}

function helpText(large) {
  const items = large
    ? ['You can attach up to 10 files to each message',
        'You can attach only these file types: doc, docx, gif, jpg, pdf, png, rtf, txt, xls, xlxs, jpeg, jfif, pjpeg, pjp, bmp, tiff, ppt, pptx, pps, ppsx, odt, mp4, m4v, mov, wmv, mpg',
        'The maximum size for each file is 25 MB',
        'The maximum total size for all files attached to 1 message is 25 MB']
    : ['You may attach up to 4 files to each message',
        'You can attach only these file types: doc, docx, gif, jpg, pdf, png, rtf, txt, xls, xlsx, jpeg, jfif, pjpeg, pjp',
        'The maximum size for each file is 6 MB',
        'The maximum total size for all files attached to 1 message is 10 MB'];
  return h('va-additional-info', {
    trigger: 'What to know about attaching files',
    'data-dd-action-name': 'What to know about attaching files Expandable Info',
    'data-testid': 'how-to-attach-files',
  }, h('section', { class: 'how-to-attach-files' }, h('ul', { class: 'vads-u-margin-y--0' }, items.map((t) => h('li', {}, t)))));
}

function hintText(lim) {
  const types = lim.types.length > 15 ? 'common document and image formats' : lim.types.map((t) => t.toUpperCase()).join(', ');
  return `You can upload up to ${lim.count} files. Accepted file types: ${types}. Maximum file size: ${lim.fileText}. Maximum total size: ${lim.totalText}.`;
}

// The attachments block; `isLarge()` is asked on every file (the chosen team can change).
export function attachmentsField({ isLarge, onChange }) {
  let attached = [];
  let input = null;
  let scanFailed = false;
  const errorSlot = h('div');
  const helpSlot = h('div');
  const inputSlot = h('div');

  function showError(message) {
    if (!message) return errorSlot.replaceChildren();
    // No tabindex (FileInput): its delayed focus() on this div moves nothing; role=alert announces it.
    const box = h('div', {
      'data-testid': 'file-input-error-message',
      role: 'alert',
      'aria-live': 'polite',
      class: 'vads-u-margin-bottom--2 vads-u-border-left--4px vads-u-border-color--secondary-dark vads-u-padding-left--2',
    }, h('span', { class: 'usa-error-message' }, message));
    errorSlot.replaceChildren(box);
    setTimeout(() => box.focus(), 100);
  }

  // A fresh component, showing the files kept so far (a rejected file must not stay in it).
  function mount() {
    const lim = limits(isLarge());
    helpSlot.replaceChildren(helpText(isLarge()));
    input = h('va-file-input-multiple', {
      label: 'Attachments',
      name: 'attachments',
      hint: hintText(lim),
      accept: lim.types.map((t) => MIME[t]).join(','),
      'data-testid': 'attach-file-input',
      onvaMultipleChange: (event) => {
        const { action, file } = event.detail || {};
        if (action === 'FILE_ADDED') {
          showError(null);
          const problem = fileProblem(file, attached, limits(isLarge()));
          if (problem) {
            showError(problem);
            setTimeout(mount, 0);
            return;
          }
          attached = [...attached, file];
          onChange(attached);
        } else if (action === 'FILE_REMOVED') {
          attached = attached.filter((f) => f.name !== file?.name);
          if (!attached.length) scanFailed = false; // removing the last file closes the scan alert
          showError(null);
          onChange(attached);
          showScanErrors();
        }
      },
    });
    if (attached.length) input.value = [...attached];
    inputSlot.replaceChildren(input);
    showScanErrors();
  }

  // One error per attached file, in va-file-input-multiple's `errors` (FileInput's fileErrors).
  function showScanErrors() {
    if (!input) return;
    const message = attached.length > 1 ? ERRORS.scanMultiple : ERRORS.scan;
    const perFile = scanFailed && !defects.scanFailureAsGlobalAlert();
    input.errors = perFile ? attached.map(() => message) : [];
  }
  mount();

  return {
    node: h('div', { class: 'file-input vads-u-margin-top--2', 'data-dd-action-name': 'Attach File to Message' },
      helpSlot, errorSlot, inputSlot),
    files: () => [...attached],
    clear: () => {
      attached = [];
      showError(null);
      mount();
    },
    remount: () => mount(),
    flagScanFailure: () => {
      scanFailed = true;
      showScanErrors();
    },
  };
}
