// statuspage.io (npm) reads every endpoint it knows of the built site's api/v2/.
'use strict';
const assert = require('node:assert/strict');
const {Statuspage} = require('statuspage.io');

const base = process.argv[2];

(async () => {
  const sp = new Statuspage('local');
  // The client asks https://{pageId}.statuspage.io/api/v2/…; here, the local site.
  sp.setApiUrl(base);
  const page = {
    id: 'aff6f037d5fd',
    name: 'Shop',
    url: 'https://status.shop.example',
    time_zone: 'Europe/Madrid',
    updated_at: '2026-04-10T00:30:00.000+02:00',
  };

  const summary = await sp.api.getSummary();
  assert.deepEqual(summary.page, page);
  assert.deepEqual(summary.status, {indicator: 'major', description: 'Partial System Outage'});
  assert.deepEqual(
    summary.components.map(c => [c.name, c.status, c.group, c.group_id]),
    [
      ['Storefront', 'partial_outage', true, null],
      ['Checkout', 'partial_outage', false, '2e4410781477'],
      ['Search', 'operational', false, '2e4410781477'],
      ['API', 'operational', false, null],
    ],
  );
  assert.deepEqual(summary.incidents.map(i => [i.name, i.status, i.impact]), [['Checkout is slow', 'identified', 'major']]);
  assert.deepEqual(
    summary.scheduled_maintenances.map(m => [m.name, m.status, m.scheduled_for, m.scheduled_until]),
    [['Search upgrade', 'scheduled', '2026-04-12T08:00:00.000+02:00', '2026-04-12T09:00:00.000+02:00']],
  );

  const status = await sp.api.getStatus();
  assert.deepEqual(status, {page, status: {indicator: 'major', description: 'Partial System Outage'}});

  const components = await sp.api.getComponents();
  assert.deepEqual(components.components.map(c => c.status), ['partial_outage', 'partial_outage', 'operational', 'operational']);

  const unresolved = await sp.api.incidents.getUnresolved();
  assert.deepEqual(unresolved.incidents.map(i => i.name), ['Checkout is slow']);
  const update = unresolved.incidents[0].incident_updates.at(-1);
  // A grouped component is named 'Group - Component' in affected_components, as Statuspage does.
  assert.deepEqual(update.affected_components, [
    {code: 'a509b14e981f', name: 'Storefront - Checkout', old_status: 'operational', new_status: 'partial_outage'},
  ]);

  const all = await sp.api.incidents.getAll();
  assert.deepEqual(all.incidents.map(i => [i.name, i.status, i.postmortem_published_at]), [
    ['Checkout is slow', 'identified', null],
    ['API errors', 'resolved', '2026-03-04T10:00:00.000+01:00'],
  ]);

  const upcoming = await sp.api.scheduledMaintenances.getUpcoming();
  assert.deepEqual(upcoming.scheduled_maintenances.map(m => [m.name, m.impact]), [['Search upgrade', 'maintenance']]);

  console.log('ok: page, status, components, unresolved, incidents, upcoming');
})().catch(e => {
  console.error(e);
  process.exit(1);
});
