/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * Study pages: the cite box's copy buttons. The citation text sits in a data attribute written by the
 * build (escaped there); the clipboard gets plain text, and a live region says it worked.
 */
const status = document.querySelector<HTMLElement>('.copy-status');
for (const button of document.querySelectorAll<HTMLButtonElement>('button[data-copy]')) {
  button.addEventListener('click', async () => {
    const text =
      button.dataset.copyText ?? document.getElementById(button.dataset.copy ?? '')?.textContent ?? '';
    try {
      await navigator.clipboard.writeText(text);
      if (status)
        status.textContent = `${button.textContent?.replace(/^Copy /, '') ?? 'Citation'} citation copied.`;
    } catch {
      // Clipboard refused (insecure context, permissions): select the text so Ctrl+C works.
      const target = document.getElementById(button.dataset.copy ?? '');
      if (target) getSelection()?.selectAllChildren(target);
      if (status) status.textContent = 'Copy blocked by the browser: the citation is selected, press Ctrl+C.';
    }
  });
}
