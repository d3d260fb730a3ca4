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
