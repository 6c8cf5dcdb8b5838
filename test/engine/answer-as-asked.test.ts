import { shippedKnowledgeDir } from '../../src/config';
import { createEngine } from '../../src/engine';
import { loadCorpus } from '../../src/knowledge';

/** The questions of the issue that made the engine answer as asked, on the shipped knowledge. */
const engine = createEngine(loadCorpus([shippedKnowledgeDir()], { baseUrl: 'https://docs.mendix.com' }));
const refs = (q: string) => engine.answer(q).recommendation.map((r) => `${r.kind}:${r.id}`);

describe('When a design channel asks the questions that used to get a matrix dump', () => {
  it('"kafka or rest?" gets a choice: REST by default, with when Kafka wins', () => {
    const answer = engine.answer('kafka or rest?');
    expect(answer.intent).toBe('compare');
    expect(refs('kafka or rest?')[0]).toBe('technology:rest');
    expect(answer.headline).toMatch(/; Kafka above roughly 1,000 messages a second\.$/);
    expect(answer.caveats.some((c) => /^Kafka also when many producers and consumers/.test(c.text))).toBe(true);
  });

  it('"Kafka or the Process Queue module for async jobs inside one app?" is a comparison, not batch', () => {
    const answer = engine.answer('Kafka or the Process Queue module for async jobs inside one app?');
    expect(answer.intent).toBe('compare');
    expect(['technology:process-queue', 'technology:task-queue']).toContain(refs('Kafka or the Process Queue module for async jobs inside one app?')[0]);
  });

  it.each([
    ['how do I publish an OData service with paging', 'technology:odata'],
    ['how do I call a REST API with OAuth2 client credentials from a microflow?', 'technology:rest'],
    ['how do I consume messages from a Kafka topic?', 'technology:kafka'],
  ])('"%s" gets steps and the documentation page first', (q, technology) => {
    const answer = engine.answer(q);
    expect(answer.intent).toBe('how-to');
    expect(refs(q)[0]).toBe(technology);
    expect(answer.steps.length).toBeGreaterThanOrEqual(3);
    expect(answer.sources[0].url).toMatch(/^https:\/\/(docs|marketplace)\.mendix\.com\//);
  });

  it('polling the ERP every second from 8 apps raises the polling concern first', () => {
    const q = 'Plan is that each of our 8 apps polls the ERP every second. Any concerns?';
    expect(engine.answer(q).intent).toBe('check');
    expect(refs(q)[0]).toBe('warning:frequent-polling');
  });

  it('a reporting app on the order app\'s Postgres leads with the warning, not the database connector', () => {
    const q = "can our reporting app connect straight to the order app's Postgres?";
    const answer = engine.answer(q);
    expect(refs(q)[0]).toBe('warning:direct-database');
    expect(refs(q)).not.toContain('technology:database-connector');
    expect(answer.caveats[0].text).toMatch(/^Direct database access/);
  });

  it('"real-time options?" asks back instead of guessing batch', () => {
    const answer = engine.answer('real-time options?');
    expect(answer.intent).toBe('clarify');
    expect(answer.clarify!.options.length).toBeGreaterThanOrEqual(2);
    expect(answer.confidence).toBeLessThan(0.5);
  });

  it('speeding up a microflow loop is declined, not answered as CMS & CDN', () => {
    const answer = engine.answer('any tips to speed up a microflow that loops over 10k objects');
    expect(answer.intent).toBe('out-of-scope');
    expect(answer.useCases).toEqual([]);
  });

  it('3,000 changes a second to 20 consumer apps shifts the answer to Kafka and says why', () => {
    const answer = engine.answer('during price runs our catalog app fires ~3000 changes/sec and 20 consumer apps need them fast. what should carry that?');
    expect(answer.recommendation[0].id).toBe('kafka');
    expect(answer.reasons[0].text).toMatch(/Kafka is the better pick/);
  });
});

describe('When the question uses the words of the trade', () => {
  it('IDocs and CICS are read as typed, never "corrected" into docs or CICD', () => {
    // The same question carries real typos, so the corrector is seen at work on it.
    const answer = engine.answer('We use IDocs from SAP and CICS on the mainframe, how do we intgrate them with odta?');
    expect(answer.notes).toContain('Read as: intgrate → integrate, odta → odata.');
  });
});

describe('When an answer explains itself', () => {
  it.each([
    'three apps need the customer master data from the CRM',
    'can power bi read our app data?',
    'our partner only accepts files, every night',
  ])('"%s": reasons are sentences in plain words, never stems or other people\'s questions', (q) => {
    const answer = engine.answer(q);
    expect(answer.reasons.length).toBeGreaterThanOrEqual(1);
    expect(answer.reasons.length).toBeLessThanOrEqual(3);
    for (const reason of answer.reasons) {
      expect(reason.text).not.toMatch(/ \+ |close to the example/);
      expect(reason.text).toMatch(/[.!?]$/);
    }
    expect(answer.headline).toMatch(/[.!?]$/);
  });
});

describe('When a plan picks the option a comparison keeps for special conditions', () => {
  it('Kafka for 50 order updates a day between two Mendix apps gets "probably not" and the default', () => {
    const answer = engine.answer("we'll use kafka between our two mendix apps for order updates, ~50 a day. sensible?");
    expect(answer.intent).toBe('check');
    expect(answer.headline).toMatch(/^Probably not: REST/);
    expect(answer.recommendation[0].id).toBe('rest');
  });

  it('Kafka for 20,000 telemetry messages a second is the right pick, and the answer says why', () => {
    const answer = engine.answer("we'll use kafka for the 20,000 telemetry messages per second from our trucks, ok?");
    expect(answer.headline).toMatch(/^Sounds right: Kafka/);
    expect(answer.reasons[0].text).toMatch(/Kafka is the better pick/);
  });

  it('SFTP for bank files, where no method is preferred, is not second-guessed', () => {
    expect(engine.answer("we'll send customer files to the bank over sftp with a pgp key. ok?").headline).toMatch(/^Sounds right: SFTP/);
  });
});

describe('When a comparison names its options with words that are also conditions', () => {
  it('"a nightly file or an API" is not a nightly load: the default (a REST pull) wins, and the file is the caveat', () => {
    const answer = engine.answer('should the HR data come in through a nightly file or an API?');
    expect(answer.intent).toBe('compare');
    expect(answer.recommendation[0].id).toBe('rest');
    expect(answer.headline).toMatch(/^An API: .*; SFTP when a daily refresh is enough\.$/);
    expect(answer.caveats[0].text).toMatch(/^SFTP also when the volume runs into the hundreds of thousands of rows/);
  });

  it('the condition said elsewhere in the question still counts', () => {
    const answer = engine.answer('nightly file or an API? the partner sends 500,000 rows every night');
    expect(answer.recommendation[0].id).toBe('sftp');
    expect(answer.reasons[0].text).toContain('“every night”');
    expect(answer.caveats[0].text).toMatch(/^If not, an API: the receiving app pulls the changed records over REST/);
  });
});

describe('When one app hands work to the next', () => {
  it('with nobody taking part, the next app pulls the work over REST instead of a deep link', () => {
    const q = 'when an order gets approved in the sales app, the warehouse app must start picking it. both are mendix apps, about 300 orders a day';
    const answer = engine.answer(q);
    expect(answer.useCases[0].id).toBe('process-integration');
    expect(refs(q)[0]).toBe('technology:rest');
    expect(answer.headline).toMatch(/^Let the next app pull the new work over REST/);
  });

  it('with a person continuing the work in the next app, the deep link leads', () => {
    const q = 'after an order is approved in the sales app, the warehouse clerk continues the work in the warehouse app. how do we hand it over?';
    expect(engine.answer(q).useCases[0].id).toBe('process-integration');
    expect(['method:ui', 'technology:deep-link']).toContain(refs(q)[0]);
  });

  it('another system changing master data is offered the master app\'s API, not a screen', () => {
    const q = 'our webshop (not mendix, a node app) needs to change customer addresses in the mendix CRM. what should we offer them?';
    expect(refs(q)[0]).toBe('technology:rest');
  });
});

describe('When a volume is typed as a number', () => {
  it('"peak around 8000/sec" of payment events to consume makes Kafka the pick', () => {
    const q = 'payment events from core banking, peak around 8000/sec. a mendix fraud case app has to consume a subset of them. what integration would you use?';
    expect(refs(q)[0]).toBe('technology:kafka');
  });
});

describe('When a plan is judged against what the question says', () => {
  it('a gateway for three apps in one team gets "Probably not", quoting the words that keep the default', () => {
    const answer = engine.answer("we're building 3 new mendix apps in one team and plan to route every call between them through Azure API Management. makes sense?");
    expect(answer.intent).toBe('check');
    expect(answer.headline).toMatch(/^Probably not: integrate closely related apps directly over REST/);
    expect(answer.reasons[0].text).toMatch(/^You mention “one team”/);
  });

  it('a plan that already uses the better pick is not told to switch to it', () => {
    const answer = engine.answer('reference data: our MDM app imports the ISO country csv monthly from sftp, marks changed records, the 6 other apps pull the changes via REST each night. ok?');
    expect(answer.headline).not.toMatch(/^Probably not/);
  });
});

describe('When a question is typed in shorthand', () => {
  it('"8000 msgs/sec" is a rate in thousands a second, like "8000 messages per second"', () => {
    expect(refs('order evts from our webshop peak around 8000 msgs/sec; 4 mendix apps consume them. which integration?')[0]).toBe('technology:kafka');
  });

  it('a high rate of orders is not an IoT question: no advice about devices', () => {
    expect(engine.answer('order events from our webshop peak around 8000 messages per second; 4 mendix apps consume them. which integration?').headline).not.toMatch(/devices/);
  });
});

describe('When the question is about calls between systems rather than people signing in', () => {
  it('an API for 200 external partners with api keys, throttling and usage stats leads with API management, not SSO', () => {
    const q = 'exposing our shipment tracking api to ~200 external shippers, need api keys, throttling and usage stats. what sits in front of the mendix app?';
    expect(refs(q)[0]).toBe('technology:api-management');
  });

  it('"machine to machine, no user involved" gets client credentials even though it says "user"', () => {
    const answer = engine.answer('our service calls a partner api that wants oauth2 tokens, machine to machine, no user involved. which flow?');
    expect(refs('our service calls a partner api that wants oauth2 tokens, machine to machine, no user involved. which flow?')[0]).toBe('technology:oauth-client-credentials');
    expect(answer.headline).not.toMatch(/OIDC SSO/);
  });

  it('employees logging in still get the SSO modules', () => {
    expect(refs('our 12 internal mendix apps each have their own login; employees should sign in with Entra ID. what do we use?')[0]).toBe('technology:oidc');
  });

  it('a SOAP service that requires a client certificate leads with client certificates, not sign-in', () => {
    expect(refs('underwriting looks up vehicles at the national registry. they offer a SOAP service and require a client cert. recommend?')[0]).toBe('technology:client-certificates');
  });
});

describe('When the question names a SaaS product', () => {
  it('ServiceNow tickets created from our app are reached over its REST API first', () => {
    expect(refs('incidents raised in our plant maintenance app must become tickets in servicenow and we want the ticket status back in our app')[0]).toBe('technology:rest');
  });
});

describe('When a plan walks against a practice rather than picking a technology', () => {
  it('a v2 that drops fields, deployed over v1, is told to keep v1 and publish v2 beside it', () => {
    const answer = engine.answer('v2 of our published shipment api drops 2 fields. plan is to deploy it over v1 on friday and consumers will adapt. ok?');
    expect(answer.intent).toBe('check');
    expect(refs('v2 of our published shipment api drops 2 fields. plan is to deploy it over v1 on friday and consumers will adapt. ok?')[0]).toBe('topic:api-versioning');
    expect(answer.headline).toMatch(/^Reconsider this plan: keep the live version/);
    expect(answer.matrixRow).toBeNull();
  });

  it('a screen that calls a service once per case and again per person raises the service-loop warning', () => {
    const q = "case overview page: we call the person service once per case (~200 per page) and then the address service per person. it's slow. plan is to add caching, enough?";
    expect(refs(q)[0]).toBe('warning:service-loops');
  });

  it('an app reading data lake tables directly during claim handling is the data-lake warning, not the app-database one', () => {
    const q = 'we plan to let the claims app read the actuarial data lake tables directly for reserve calcs during claim handling. any issues?';
    expect(refs(q)[0]).toBe('warning:data-lake-operational');
  });
});

describe('When a question describes a need in words no phrase list held before', () => {
  it.each([
    ['patient portal: stripe needs to tell us when a copay is paid. what do we expose?', 'technology:webhooks'],
    ['plan is to rebuild the whole public hospital site (news, doctor pages, blog) in mendix so appointment booking lives in the same app. good?', 'method:ui'],
  ])('"%s" is answered, not declined', (q, lead) => {
    expect(refs(q)[0]).toBe(lead);
  });

  it('a user who picks a provider from a registry and keeps a few fields locally is referring to data elsewhere', () => {
    const answer = engine.answer('claims app: user picks a provider from the provider registry, we keep name + npi locally and a link back so we can refresh later. what pattern');
    expect(answer.intent).toBe('recommend');
    expect(answer.useCases[0].id).toBe('use-refer-data');
  });

  it.each([
    'java action to format a date string as dd-MM-yyyy, whats the syntax',
    'do we need extra licences for the API users that call our published REST service?',
    'microflow looping over 10k objects is slow, should i commit inside the loop or after',
  ])('"%s" is declined as not about integration', (q) => {
    expect(engine.answer(q).intent).toBe('out-of-scope');
  });
});

describe('When two options are named with words of one comparison', () => {
  it('"straight from mendix" names REST against a gateway only: an OData feed or a nightly export for Power BI is the BI comparison', () => {
    const answer = engine.answer('power bi: odata feed straight from mendix or nightly export to azure sql?');
    expect(answer.intent).toBe('compare');
    expect(refs('power bi: odata feed straight from mendix or nightly export to azure sql?')[0]).toBe('technology:odata');
  });

  it('"webhooks or poll their API every 10 sec?" is a comparison won by webhooks, not a plan check', () => {
    const answer = engine.answer('stripe payment status: webhooks or poll their API every 10 sec?');
    expect(answer.intent).toBe('compare');
    expect(refs('stripe payment status: webhooks or poll their API every 10 sec?')[0]).toBe('technology:webhooks');
  });

  it('a shared data app against every consumer calling the sources live is the central data app', () => {
    expect(refs('cross business line order search: build a shared data app collecting orders, or let portal, crm and support each call the 5 order systems?')[0]).toBe('method:central');
  });
});

describe('When the question denies a technology', () => {
  it('"they won\'t build APIs, CSV is the max" is answered with the CSV files, not REST', () => {
    const q = "about 40 contractor firms send us their completed work reports. they won't build APIs, CSV is the max they can do. how do we take these in?";
    expect(refs(q)[0]).toBe('technology:csv');
  });

  it('"why not Kafka?" still asks about Kafka', () => {
    expect(engine.answer('20 orders a day between our 2 mendix apps, why not kafka?').technologies.map((t) => t.id)).toContain('kafka');
  });
});

describe('When a question about one app also mentions mobile', () => {
  it.each([
    'native app: how do I make a nanoflow check whether camera permission is granted before it opens the barcode scanner widget?',
    'how do i make the nav bar sticky on mobile in atlas?',
  ])('"%s" is declined: several off-topic phrases outweigh "native app" or "mobile"', (q) => {
    expect(engine.answer(q).intent).toBe('out-of-scope');
  });

  it('a native app that must sync with the back end is still an integration question', () => {
    expect(engine.answer('our native app is used offline by inspectors; how do we sync their results to SAP when they are back online?').intent).not.toBe('out-of-scope');
  });
});

describe('When a how-to names REST together with what rides on it', () => {
  it.each([
    ['on-prem mendix behind zscaler — how do i route the outgoing REST calls through the corporate proxy', 'technology:outbound-proxy'],
    ['how to fetch an oauth client credentials token in a microflow and cache it until it expires', 'technology:oauth-client-credentials'],
    ['how do I publish a microflow as a REST operation with a JSON response and give the partner team an OpenAPI doc?', 'technology:rest'],
  ])('"%s" is about %s', (q, lead) => {
    const answer = engine.answer(q);
    expect(answer.intent).toBe('how-to');
    expect(refs(q)[0]).toBe(lead);
    expect(answer.steps.length).toBeGreaterThanOrEqual(3);
  });
});

describe('When a message asks nothing or too little to judge', () => {
  it('"cheers, we\'ll go the odata route then" is small talk, not an OData answer', () => {
    expect(engine.answer("cheers, we'll go the odata route then").intent).toBe('chitchat');
  });

  it('"is kafka a good idea for us?" says what Kafka is for and asks what the exchange is', () => {
    const answer = engine.answer('is kafka a good idea for us?');
    expect(answer.intent).toBe('clarify');
    expect(answer.headline).toMatch(/^It depends on the need\. Kafka: high-volume/);
    expect(answer.clarify?.options.length).toBeGreaterThanOrEqual(2);
  });

  it('a plan that avoids polling ("dont want to hammer their api") is not told off for polling', () => {
    expect(engine.answer("what's the right way to find out an assignment got submitted in canvas, so our tutoring app can react? dont want to hammer their api").warnings.map((w) => w.id)).not.toContain('frequent-polling');
  });
});

describe('When integration words are used about the inside of one app', () => {
  it.each([
    "how do i refresh / 'sync' the data grid on the page after the popup closes",
    'which event should i use so that a second dropdown appears when the first one changes?',
    "our integration test for a nanoflow fails because the android emulator won't boot. ideas?",
  ])('"%s" is declined', (q) => {
    expect(engine.answer(q).intent).toBe('out-of-scope');
  });
});

describe('When a chain of calls is told rather than named', () => {
  it('"booking calls pricing, pricing calls inventory, inventory calls the channel manager" raises the call-chain warning', () => {
    const q = 'design review: booking app calls pricing app, pricing calls inventory app, inventory calls the channel manager - all before the guest sees a price on screen. is this ok?';
    expect(refs(q)[0]).toBe('warning:sync-call-chains');
  });
});

describe('When a question names a sport, a hobby or a job', () => {
  it('a football club showing fixtures from the federation API is an integration question', () => {
    expect(refs("our football club app should show fixtures, results and league table from the national federation's API. refreshed after each match day. approach?")[0]).toBe('technology:rest');
  });

  it('Business Events or a REST call from an after-commit event handler stays a comparison, despite the modelling words', () => {
    expect(engine.answer('for the events between our Order app and Shipping app: Business Events, or just a REST call from an after-commit event handler?').intent).toBe('compare');
  });
});

describe('When a how-to names what rides on REST in other words', () => {
  it('"outgoing REST calls have to go through proxy.corp.local:8080" is about the outbound proxy', () => {
    expect(refs('outgoing REST calls have to go through proxy.corp.local:8080 — where do I configure that?')[0]).toBe('technology:outbound-proxy');
  });

  it('shipping logs to Azure Log Analytics is not a sign-in question', () => {
    expect(refs('all mendix app logs should land in azure log analytics in near real time, not a nightly zip. options?')).not.toContain('technology:oidc');
  });
});

describe('When a plan puts files on plain FTP', () => {
  it('raises the unencrypted-channels warning even without the word "plain"', () => {
    expect(refs('plan: partner garages drop repair invoices (pdf + xml) on our ftp server and mendix picks them up hourly. fine?')[0]).toBe('warning:unencrypted-channels');
  });
});

describe('When a plan breaks a published REST API', () => {
  it('renaming fields in a live v1 is judged by the versioning practice, not waved through as REST', () => {
    const answer = engine.answer('next sprint we rename a few fields in v1 of our published policy REST api, consumers were told in teams. ok?');
    expect(answer.intent).toBe('check');
    expect(answer.headline).toMatch(/^Reconsider this plan: keep the live version/);
  });
});

describe('When a question is only a few words that name no task', () => {
  it.each(['salesforce integration - ideas?', 'need to sync data with the other system, ideas', 'what about security for our integrations'])('"%s" is asked back with interpretations', (q) => {
    const answer = engine.answer(q);
    expect(answer.intent).toBe('clarify');
    expect(answer.clarify?.options.length).toBeGreaterThanOrEqual(2);
  });

  it('"sap integration - thoughts?" says what the SAP connectors are for and asks what the exchange is', () => {
    const answer = engine.answer('sap integration - thoughts?');
    expect(answer.intent).toBe('clarify');
    expect(answer.headline).toMatch(/^It depends on the need\. SAP Connectors: /);
    expect(answer.sources[0].url).toContain('docs.mendix.com');
  });

  it('a short how-to that names a task still gets its steps', () => {
    const answer = engine.answer('how do i subscribe to an mqtt topic from a microflow');
    expect(answer.intent).toBe('how-to');
    expect(answer.steps.length).toBeGreaterThanOrEqual(3);
  });
});

describe('When a long description of a need holds nothing a rule reads', () => {
  it('gives the closest need\'s advice as a guess, below 0.5, with the interpretations to pick', () => {
    const answer = engine.answer('25 mendix apps across the hospital group. ops want one place for app health, failed interface runs and business throughput (lab orders/hr, discharges/day). how should the apps feed that?');
    expect(answer.intent).toBe('recommend');
    expect(answer.confidence).toBeLessThan(0.5);
    expect(answer.recommendation.length).toBeGreaterThan(0);
    expect(answer.clarify?.options.length).toBeGreaterThanOrEqual(2);
  });
});

describe('When the question denies a technology it names', () => {
  it.each([
    ["we don't want kafka for this, 50 orders a day between two mendix apps. what then?", 'technology:kafka'],
    ["partner won't do webhooks, only a REST api we can call. how do we notice new orders quickly?", 'technology:webhooks'],
  ])('"%s" does not lead with what it rules out', (q, ruledOut) => {
    expect(refs(q)[0]).not.toBe(ruledOut);
  });
});
