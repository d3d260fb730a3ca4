// The story editor's toolbar (see RichTextArea.razor): wraps the textarea's selection in one of the tags the API's
// sanitizer keeps. Without this script the toolbar stays hidden and the textarea takes the same HTML typed by hand.
(() => {
  const show = () => document.querySelectorAll('.rte-bar[hidden]').forEach((bar) => bar.removeAttribute('hidden'));
  document.addEventListener('DOMContentLoaded', show);
  document.addEventListener('enhancedload', show);
  if (window.Blazor && window.Blazor.addEventListener) window.Blazor.addEventListener('enhancedload', show);
  show();
  document.addEventListener('click', (event) => {
    const button = event.target instanceof Element ? event.target.closest('button[data-rte]') : null;
    if (!button) return;
    const bar = button.closest('[data-rte-for]');
    const area = bar && document.getElementById(bar.dataset.rteFor);
    if (!(area instanceof HTMLTextAreaElement)) return;
    event.preventDefault();
    const tag = button.dataset.rte;
    const start = area.selectionStart, end = area.selectionEnd;
    const selected = area.value.slice(start, end) || '…';
    let html;
    if (tag === 'ul') {
      html = '<ul>' + selected.split('\n').filter((l) => l.trim()).map((l) => '<li>' + l.trim() + '</li>').join('') + '</ul>';
    } else if (tag === 'a') {
      const href = window.prompt('https://', 'https://');
      if (!href || !/^(https?:|mailto:)/i.test(href)) return;
      html = '<a href="' + href.replace(/"/g, '&quot;') + '">' + selected + '</a>';
    } else {
      html = '<' + tag + '>' + selected + '</' + tag + '>';
    }
    area.setRangeText(html, start, end, 'end');
    area.focus();
  });
})();
