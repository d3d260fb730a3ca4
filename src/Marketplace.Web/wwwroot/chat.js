// The chat panel: a section[data-chat] element on the booth page (data-booth) or the inbox (data-conversation). Talks to the
// public API and the SignalR hub /hubs/conversations like any client; the credentials (the session's access token, or
// the guest's visitor id) come from /chat/credentials. The SignalR client (vendored, MIT) loads only on pages with a
// panel. Messages are shown as text, never as HTML.
(() => {
  const api = '/api/v1';
  let signalrLoading = null;

  const loadSignalR = () => signalrLoading ??= new Promise((resolve, reject) => {
    if (window.signalR) { resolve(); return; }
    const script = document.createElement('script');
    script.src = '/_content/Marketplace.Web/lib/signalr/signalr.min.js';
    script.onload = () => resolve();
    script.onerror = () => reject(new Error('signalr'));
    document.head.appendChild(script);
  });

  const credentials = async () => {
    const response = await fetch('/chat/credentials', { headers: { accept: 'application/json' }, cache: 'no-store' });
    if (!response.ok) throw new Error('credentials');
    return response.json();
  };

  const headers = (creds) => {
    const h = { 'content-type': 'application/json', accept: 'application/json' };
    if (creds.accessToken) h.authorization = 'Bearer ' + creds.accessToken;
    else if (creds.visitorId) h['x-visitor-id'] = creds.visitorId;
    return h;
  };

  const start = async (panel) => {
    if (panel.dataset.started) return;
    panel.dataset.started = '1';
    const log = panel.querySelector('[data-chat-log]');
    const form = panel.querySelector('form');
    const input = form.querySelector('textarea, input[name=text]');
    const status = panel.querySelector('[data-chat-status]');
    const say = (key) => { status.textContent = panel.dataset[key] || ''; };
    let creds = await credentials();
    let conversationId = panel.dataset.conversation;
    let me = null;

    if (!conversationId) {
      const opened = await fetch(`${api}/booths/${panel.dataset.booth}/conversations`, { method: 'POST', headers: headers(creds) });
      if (!opened.ok) { say('closedText'); form.hidden = true; return; }
      const conversation = await opened.json();
      conversationId = conversation.id;
      me = conversation.you;
    }

    const render = (m) => {
      if (log.querySelector(`[data-seq="${m.seq}"]`)) return;
      const item = document.createElement('li');
      item.dataset.seq = m.seq;
      item.className = 'msg ' + (m.sender === me ? 'mine' : 'theirs');
      const text = document.createElement('p');
      text.textContent = m.text ?? '';
      item.appendChild(text);
      if (m.product) {
        const card = document.createElement('a');
        card.href = `/products/${m.product.id}`;
        card.className = 'card-link';
        card.textContent = '🛍 ' + m.product.name;
        item.appendChild(card);
      }
      const time = document.createElement('time');
      time.dateTime = m.sentAt;
      time.textContent = new Date(m.sentAt).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
      item.appendChild(time);
      const items = [...log.children];
      const after = items.find((li) => Number(li.dataset.seq) > m.seq);
      log.insertBefore(item, after ?? null);
      log.scrollTop = log.scrollHeight;
    };

    const conversation = await (await fetch(`${api}/conversations/${conversationId}`, { headers: headers(creds) })).json();
    me = conversation.you;
    const history = await (await fetch(`${api}/conversations/${conversationId}/messages?limit=50`, { headers: headers(creds) })).json();
    history.items.forEach(render);

    await loadSignalR();
    const query = creds.accessToken ? '' : '?visitorId=' + encodeURIComponent(creds.visitorId);
    const hub = new window.signalR.HubConnectionBuilder()
      .withUrl('/hubs/conversations' + query, creds.accessToken ? { accessTokenFactory: async () => (creds = await credentials()).accessToken } : {})
      .withAutomaticReconnect()
      .build();
    let lastSeq = 0;
    const markRead = (seq) => { if (seq > lastSeq) { lastSeq = seq; hub.invoke('MarkRead', conversationId, seq).catch(() => {}); } };
    // Real-time delivery is at most once across instances (Redis pub/sub drops what is published while a subscriber
    // reconnects): a message whose seq skips one, or a reconnect, fetches the history after the newest shown.
    const newestShown = () => Math.max(0, ...[...log.children].map((li) => Number(li.dataset.seq)));
    const catchUp = async () => {
      const page = await (await fetch(`${api}/conversations/${conversationId}/messages?limit=50`, { headers: headers(creds) })).json();
      page.items.forEach(render);
    };
    hub.on('message', (m) => {
      if (m.conversationId !== conversationId) return;
      const gap = m.seq > newestShown() + 1;
      render(m); say('');
      if (m.sender !== me) markRead(m.seq);
      if (gap) catchUp().catch(() => {});
    });
    hub.on('typing', (t) => { if (t.conversationId === conversationId && t.party !== me) { say('typingText'); setTimeout(() => say(''), 3000); } });
    hub.on('read', (r) => { if (r.conversationId === conversationId && r.party !== me) say('readText'); });
    hub.onreconnected(() => hub.invoke('Join', conversationId).then(catchUp).catch(() => {}));
    await hub.start();
    await hub.invoke('Join', conversationId);
    if (history.items.length) markRead(history.items[history.items.length - 1].seq);
    form.hidden = false;

    let typingAt = 0;
    input.addEventListener('input', () => {
      if (Date.now() - typingAt > 2000) { typingAt = Date.now(); hub.invoke('Typing', conversationId).catch(() => {}); }
    });
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const text = input.value.trim();
      if (!text) return;
      try {
        render(await hub.invoke('Send', conversationId, text, null));
        input.value = '';
      } catch (e) {
        status.textContent = (e && e.message ? e.message.replace(/^.*HubException: /, '') : '') || panel.dataset.errorText;
      }
    });
  };

  const run = (panel) => start(panel).catch(() => { const s = panel.querySelector('[data-chat-status]'); if (s) s.textContent = panel.dataset.errorText || ''; });
  // A booth's panel waits for the visitor's click (no conversation, no SignalR for a page view); the inbox's starts now.
  const init = () => document.querySelectorAll('section[data-chat]').forEach((panel) => {
    const open = panel.querySelector('[data-chat-open]');
    if (!open) { run(panel); return; }
    if (panel.dataset.started || open.dataset.wired) return;
    open.dataset.wired = '1';
    open.hidden = false;
    open.addEventListener('click', async () => {
      open.disabled = true;
      await run(panel);
      open.hidden = true;
      panel.querySelector('textarea')?.focus();
    });
  });
  // Loaded by site.js, possibly after the document was parsed: start at once then.
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
  // Blazor's enhanced navigation swaps the page without a load event.
  if (window.Blazor?.addEventListener) window.Blazor.addEventListener('enhancedload', init);
  else document.addEventListener('DOMContentLoaded', () => window.Blazor?.addEventListener?.('enhancedload', init));
})();
