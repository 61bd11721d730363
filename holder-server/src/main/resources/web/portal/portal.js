// The holder portal: everything goes through the holder's own /v1 API with the tenant's key.
'use strict';
(() => {
  const { api, el, disclosures, show } = Vesper;
  const $ = (id) => document.getElementById(id);
  let key = sessionStorage.getItem('vesper.holder.key');
  let current = null;

  const call = (method, path, body) => api(method, path, { key, body });
  const list = (text) => text.split(',').map((s) => s.trim()).filter(Boolean);
  const when = (seconds) => new Date(seconds * 1000).toISOString().replace('T', ' ').slice(0, 16) + ' UTC';

  async function signIn(candidate) {
    key = candidate;
    try {
      await call('GET', '/v1/tokens');
    } catch (e) {
      key = null;
      show($('signin-status'), 'Sign-in failed: ' + e.message, 'bad');
      return;
    }
    sessionStorage.setItem('vesper.holder.key', key);
    $('signin').classList.add('hidden');
    $('app').classList.remove('hidden');
    await Promise.all([loadTokens(), loadGrants(), loadAudit()]);
  }

  async function loadTokens() {
    const { tokens } = await call('GET', '/v1/tokens');
    const body = $('tokens').tBodies[0];
    body.replaceChildren(...tokens.map((t) => el('tr', {},
      el('td', { class: 'mono' }, t.id), el('td', { class: 'mono' }, t.pool_id || ''), el('td', {}, t.shown ? 'yes' : 'no'),
      el('td', {}, t.issuer), el('td', {}, when(t.expires_at)),
      el('td', {}, el('button', { type: 'button', class: 'secondary', onclick: () => openToken(t.id), 'aria-label': 'Open token ' + t.id }, 'Open')))));
    if (tokens.length > 0 && (!current || !tokens.some((t) => t.id === current.id))) await openToken(tokens[0].id);
  }

  async function openToken(id) {
    current = await call('GET', '/v1/tokens/' + encodeURIComponent(id));
    $('detail-title').textContent = 'Token ' + id;
    $('claims').tBodies[0].replaceChildren(...current.claims.map((c) => el('tr', {}, el('td', {}, c.path), el('td', {}, JSON.stringify(c.value)))));
    renderPolicy(current.policy);
    $('token-detail').classList.remove('hidden');
  }

  function audienceRow(rule, index) {
    const id = 'aud-' + index;
    return el('div', { class: 'row audience' },
      el('div', {}, el('label', { for: id + '-match' }, 'Audience ' + (index + 1)),
        el('input', { id: id + '-match', class: 'aud-match', value: rule.match || '' })),
      el('div', {}, el('label', { for: id + '-claims' }, 'Receives'),
        el('input', { id: id + '-claims', class: 'aud-claims', value: (rule.claims || []).join(', ') })));
  }

  function renderPolicy(policy) {
    $('policy-default').value = (policy.default || []).join(', ');
    $('audiences').replaceChildren(...(policy.audiences || []).map(audienceRow));
  }

  async function savePolicy(event) {
    event.preventDefault();
    const audiences = [...document.querySelectorAll('#audiences .audience')]
      .map((row) => ({ match: row.querySelector('.aud-match').value.trim(), claims: list(row.querySelector('.aud-claims').value) }))
      .filter((r) => r.match);
    try {
      const saved = await call('PUT', '/v1/tokens/' + encodeURIComponent(current.id) + '/policy', { default: list($('policy-default').value), audiences });
      renderPolicy(saved);
      show($('policy-status'), 'Policy saved.', 'ok');
    } catch (e) {
      show($('policy-status'), 'Not saved: ' + e.message, 'bad');
    }
  }

  async function tryCall(event) {
    event.preventDefault();
    const table = $('call-disclosed');
    table.classList.add('hidden');
    try {
      const r = await call('POST', '/v1/presentations/call',
        { orig: $('call-orig').value.trim(), dest: [$('call-dest').value.trim()], iat: Math.floor(Date.now() / 1000) });
      const rows = disclosures(r.presentation).filter((d) => !(d.name === 'tn' && Array.isArray(d.value)))
        .map((d) => el('tr', {}, el('td', {}, d.name === null ? 'tn' : d.name), el('td', {}, JSON.stringify(d.value))));
      table.tBodies[0].replaceChildren(...rows);
      table.classList.remove('hidden');
      show($('call-status'), 'Presented to ' + r.aud + '.', 'ok');
      await loadAudit();
    } catch (e) {
      show($('call-status'), 'Refused: ' + e.message + (e.error ? ' (' + e.error + ')' : ''), 'bad');
    }
  }

  async function loadGrants() {
    const { grants } = await call('GET', '/v1/grants');
    $('grants').tBodies[0].replaceChildren(...grants.map((g) => el('tr', {},
      el('td', { class: 'mono' }, g.id), el('td', { class: 'mono' }, g.grantee_tenant), el('td', {}, (g.numbers || []).join(', ')),
      el('td', {}, g.claims.join(', ')), el('td', {}, g.revoked_at ? 'revoked' : 'until ' + when(g.expires_at)),
      el('td', {}, g.revoked_at ? '' : el('button', { type: 'button', class: 'danger', onclick: () => revokeGrant(g.id), 'aria-label': 'Revoke grant ' + g.id }, 'Revoke')))));
  }

  async function createGrant(event) {
    event.preventDefault();
    try {
      await call('POST', '/v1/grants', {
        grantee_tenant: $('grant-grantee').value.trim(), token_id: $('grant-token').value.trim(), numbers: list($('grant-numbers').value),
        claims: list($('grant-claims').value), expires_at: Math.floor(Date.now() / 1000) + 3600 * Number($('grant-hours').value) });
      show($('grant-status'), 'Grant created.', 'ok');
      await loadGrants();
    } catch (e) {
      show($('grant-status'), 'Not created: ' + e.message, 'bad');
    }
  }

  async function revokeGrant(id) {
    await call('DELETE', '/v1/grants/' + encodeURIComponent(id));
    show($('grant-status'), 'Grant revoked.', 'ok');
    await loadGrants();
  }

  async function loadAudit() {
    const { entries } = await call('GET', '/v1/audit?limit=100');
    $('audit').tBodies[0].replaceChildren(...entries.slice().reverse().map((a) => el('tr', {},
      el('td', {}, new Date(a.at).toISOString().replace('T', ' ').slice(0, 19)), el('td', { class: 'mono' }, a.actor_tenant + (a.grant_id ? ' (grant)' : '')),
      el('td', {}, a.audience), el('td', {}, a.claim_paths.join(', ')))));
  }

  $('signin-form').addEventListener('submit', (e) => { e.preventDefault(); signIn($('api-key').value.trim()); });
  $('sign-out').addEventListener('click', () => { sessionStorage.removeItem('vesper.holder.key'); location.reload(); });
  $('policy-form').addEventListener('submit', savePolicy);
  $('add-audience').addEventListener('click', () => {
    const n = document.querySelectorAll('#audiences .audience').length;
    const row = audienceRow({ match: '', claims: [] }, n);
    $('audiences').append(row);
    row.querySelector('input').focus();
  });
  $('call-form').addEventListener('submit', tryCall);
  $('grant-form').addEventListener('submit', createGrant);
  $('refresh-audit').addEventListener('click', loadAudit);
  if (key) signIn(key);
})();
