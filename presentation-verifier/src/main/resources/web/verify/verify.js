// The verifier page: POST /v1/presentations/verify and show the verdict, the verified attributes and every check.
'use strict';
(() => {
  const { api, el } = Vesper;
  const $ = (id) => document.getElementById(id);
  const VISIBLE = new Set(['iss', 'iat', 'exp', 'nbf', 'vct', 'cnf', 'status', '_sd_alg']);
  const LABELS = { passed: 'passed', failed: 'failed', not_required: 'not required', not_run: 'not run' };

  $('verify-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const body = { presentation: $('presentation').value.trim(), aud: $('aud').value.trim(), nonce: $('nonce').value.trim() };
    if ($('receipt').value.trim()) body.receipt = $('receipt').value.trim();
    if ($('delegation').value.trim() || $('agent').value.trim()) {
      body.delegation = { assertion: $('delegation').value.trim(), agent: $('agent').value.trim() };
    }
    const verdict = $('verdict');
    $('result').classList.remove('hidden');
    let r;
    try {
      r = await api('POST', '/v1/presentations/verify', { body });
    } catch (e) {
      verdict.textContent = 'Not verified: ' + e.message + (e.error ? ' (' + e.error + ')' : '');
      verdict.className = 'status bad';
      $('claims').tBodies[0].replaceChildren();
      $('checks').tBodies[0].replaceChildren();
      onBehalf($('on-behalf'), null);
      return;
    }
    verdict.textContent = r.valid ? 'Valid: every required check passed.' : 'Invalid: ' + r.error + ' — ' + r.message;
    verdict.className = 'status ' + (r.valid ? 'ok' : 'bad');
    onBehalf($('on-behalf'), r.valid ? r.delegate : null, r.claims && r.claims.name);
    const claims = Object.entries(r.claims || {}).filter(([k]) => !VISIBLE.has(k));
    $('claims').tBodies[0].replaceChildren(...claims.map(([k, v]) => el('tr', {}, el('td', {}, k), el('td', {}, typeof v === 'string' ? v : JSON.stringify(v)))));
    $('checks').tBodies[0].replaceChildren(...r.checks.map((c) => el('tr', {},
      el('td', {}, c.check),
      el('td', { class: c.outcome === 'passed' ? 'ok' : c.outcome === 'failed' ? 'bad' : '' }, LABELS[c.outcome] || c.outcome),
      el('td', { class: 'mono' }, c.error || ''))));
  });

  // A delegated call: "Agent on behalf of Client", each name verified by its own token; the grant's end.
  function onBehalf(node, delegate, clientName) {
    if (!delegate) {
      node.classList.add('hidden');
      node.replaceChildren();
      return;
    }
    node.replaceChildren(el('strong', {}, delegate.name), ' on behalf of ', el('strong', {}, clientName || 'the client'),
      el('span', { class: 'hint' }, ' — grant until ' + new Date(delegate.expires_at * 1000).toISOString().replace('.000', '')));
    node.classList.remove('hidden');
  }

  // A call: POST /stir/v1/verification (the STI-VS; present when the service trusts an STI root).
  $('call-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const verdict = $('call-verdict');
    const table = $('call-attributes');
    table.classList.add('hidden');
    const body = { verificationRequest: { from: { tn: $('from').value.trim() }, to: { tn: [$('to').value.trim()] },
      time: Math.floor(Date.now() / 1000), identity: $('identity').value.trim() } };
    let r;
    try {
      r = (await api('POST', '/stir/v1/verification', { body })).verificationResponse;
    } catch (e) {
      Vesper.show(verdict, 'Not verified: ' + e.message + (e.error ? ' (' + e.error + ')' : ''), 'bad');
      return;
    }
    const passed = r.verstat === 'TN-Validation-Passed';
    Vesper.show(verdict, r.verstat + (passed ? '' : ' — ' + r.reasoncode + ' ' + r.reasontext + ': ' + (r.cause || r.error) + ' — ' + r.message), passed ? 'ok' : 'bad');
    onBehalf($('call-on-behalf'), r.vesper && r.vesper.delegate, r.vesper && r.vesper.rcd && r.vesper.rcd.nam);
    if (r.vesper) {
      const rows = Object.entries(r.vesper).filter(([k]) => k !== 'disclosed' && k !== 'delegate')
        .map(([k, v]) => el('tr', {}, el('td', {}, k === 'rcd' ? 'name (RCD nam)' : k), el('td', {}, k === 'rcd' ? v.nam : (typeof v === 'string' ? v : JSON.stringify(v)))));
      table.tBodies[0].replaceChildren(...rows);
      table.classList.remove('hidden');
    }
  });
})();
