// Typeahead for the header search box: fills its <datalist> from /suggest. The search works without this script.
(() => {
  let timer = 0, last = '';
  document.addEventListener('input', (event) => {
    const input = event.target;
    if (!(input instanceof HTMLInputElement) || !input.dataset.suggest) return;
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const q = input.value.trim();
      if (q.length < 2 || q === last) return;
      last = q;
      try {
        const response = await fetch(input.dataset.suggest + '?q=' + encodeURIComponent(q), { headers: { accept: 'application/json' } });
        if (!response.ok) return;
        const list = document.getElementById(input.getAttribute('list'));
        if (!list) return;
        list.replaceChildren(...(await response.json()).map((text) => { const o = document.createElement('option'); o.value = text; return o; }));
      } catch { /* offline or aborted: no suggestions */ }
    }, 150);
  });
})();
// Loads the chat panel's script and the story editor's toolbar only where the page has them (most pages have neither),
// also after Blazor's enhanced navigation, which does not run the <script> tags of the page it swaps in. The panel is
// matched as section[data-chat]: this script's own tag carries data-chat (the URL) and would match everywhere.
(() => {
  const urls = document.currentScript.dataset, loaded = {};
  const load = () => {
    for (const [key, selector] of [['chat', 'section[data-chat]'], ['seller', '.rte-bar']]) {
      if (loaded[key] || !urls[key] || !document.querySelector(selector)) continue;
      loaded[key] = true;
      const script = document.createElement('script');
      script.src = urls[key];
      document.head.appendChild(script);
    }
  };
  load();
  if (window.Blazor?.addEventListener) window.Blazor.addEventListener('enhancedload', load);
  else document.addEventListener('DOMContentLoaded', () => window.Blazor?.addEventListener?.('enhancedload', load));
})();
