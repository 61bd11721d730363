// The verifier page's "ask for a presentation": POST /v1/presentation-requests with a DCQL query built from the
// chosen claims, show the openid4vp:// request as a QR code and a link, poll GET /v1/presentation-requests/{id}
// and show the verified claims (or why it failed) when the wallet has answered.
'use strict';
(() => {
  const { api, el } = Vesper;
  const $ = (id) => document.getElementById(id);
  const VCT = 'https://vesper.dev/vct/identity/v1';
  let polling = null;

  function query() {
    const claims = [...document.querySelectorAll('#ask-form input[name=claim]:checked')].map((c) => ({ path: c.value.split('.') }));
    const number = $('ask-number').value.replace(/[^0-9]/g, '');
    if (number) claims.push({ path: ['tn', null], values: [number] });
    const credential = { id: 'vesper', format: 'dc+sd-jwt', meta: { vct_values: [VCT] } };
    if (claims.length) credential.claims = claims;
    return { credentials: [credential] };
  }

  function rows(value, prefix) {
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      return Object.entries(value).flatMap(([k, v]) => rows(v, prefix ? prefix + '.' + k : k));
    }
    const text = Array.isArray(value) ? value.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(', ') : String(value);
    return [el('tr', {}, el('td', {}, prefix), el('td', {}, text))];
  }

  async function poll(id) {
    let r;
    try {
      r = await api('GET', '/v1/presentation-requests/' + encodeURIComponent(id));
    } catch (e) {
      Vesper.show($('ask-status'), 'Cannot read the request: ' + e.message, 'bad');
      return;
    }
    if (r.status === 'pending') {
      polling = setTimeout(() => poll(id), 1000);
      return;
    }
    $('ask-request').classList.add('hidden');
    if (r.status === 'verified') {
      Vesper.show($('ask-status'), 'Verified: the wallet presented exactly what was asked.', 'ok');
      const claims = Object.values(r.result.credentials).flat().map((c) => c.claims);
      $('ask-claims').tBodies[0].replaceChildren(...claims.flatMap((c) => rows(c, '')));
      $('ask-claims').classList.remove('hidden');
    } else {
      Vesper.show($('ask-status'), 'Failed: ' + r.error + ' — ' + r.message, 'bad');
    }
  }

  $('ask-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    clearTimeout(polling);
    $('ask-claims').classList.add('hidden');
    let r;
    try {
      r = await api('POST', '/v1/presentation-requests', { body: { dcql_query: query() } });
    } catch (e) {
      Vesper.show($('ask-status'), 'Not asked: ' + e.message + (e.error ? ' (' + e.error + ')' : ''), 'bad');
      return;
    }
    $('ask-qr').src = '/v1/presentation-requests/' + encodeURIComponent(r.id) + '/qr.svg';
    $('ask-link').href = r.request;
    $('ask-url').value = r.request;
    $('ask-request').classList.remove('hidden');
    Vesper.show($('ask-status'), 'Waiting for a wallet to answer…', '');
    poll(r.id);
  });
})();
