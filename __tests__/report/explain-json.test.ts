/**
 * The `explain --json` document built from real diagnoses: `details` stays a map of strings under the
 * typed details' own key names, and every fix carries its stable id.
 */
import { explainBlocks } from '../../src/explain/engine.js';
import { blocksFromText } from '../../src/explain/read-log.js';
import { buildExplainJson } from '../../src/report/explain.js';
import { goEnv } from '../scenarios/support.js';

const TLS_VIA_PROXY =
  'go: x@v1.0.0: Get "https://proxy.golang.org/x/@v/v1.0.0.info": proxyconnect tcp: tls: failed to verify certificate: x509: certificate signed by unknown authority';
const PROXY_DOWN = 'go: git.corp.example.com/lib@v1.0.0: Get "https://git.corp.example.com/lib?go-get=1": proxyconnect tcp: dial tcp 127.0.0.1:3128: connect: connection refused';
const GOPROXY_OFF = 'go: x.example.com/y@v1.0.0: module lookup disabled by GOPROXY=off';

function document(text: string) {
  const result = explainBlocks(blocksFromText(text), { env: goEnv({ HTTPS_PROXY: ['http://127.0.0.1:3128', 'environment'] }) });
  return { result, json: buildExplainJson(result) };
}

describe('explain --json', () => {
  test('typed details keep their key names; booleans become strings', () => {
    const tls = document(TLS_VIA_PROXY).json.diagnoses.find((diagnosis) => diagnosis.scenario === 'tls-certificate');
    expect(tls?.details).toEqual({ kind: 'unknown-authority', client: 'go', viaHttpProxy: 'true' });
    const proxy = document(PROXY_DOWN).json.diagnoses.find((diagnosis) => diagnosis.scenario === 'http-proxy-env');
    expect(proxy?.details).toEqual({ kind: 'proxy-unreachable', proxy: '127.0.0.1:3128', target: 'git.corp.example.com', internalTarget: 'true' });
  });

  test('every detail value in the document is a string', () => {
    const { json } = document([TLS_VIA_PROXY, PROXY_DOWN, GOPROXY_OFF].join('\n'));
    expect(json.diagnoses.length).toBeGreaterThan(2);
    for (const diagnosis of json.diagnoses) {
      expect(typeof diagnosis.details.kind).toBe('string');
      for (const value of Object.values(diagnosis.details)) expect(typeof value).toBe('string');
    }
  });

  test('each fix carries the id the scenario gave it, in the engine order', () => {
    const { result, json } = document([TLS_VIA_PROXY, PROXY_DOWN, GOPROXY_OFF].join('\n'));
    expect(json.diagnoses.map((diagnosis) => diagnosis.fixes.map((fix) => fix.id))).toEqual(result.diagnoses.map((diagnosis) => diagnosis.fixes.map((fix) => fix.id)));
    const off = json.diagnoses.find((diagnosis) => diagnosis.scenario === 'proxy-config-invalid');
    expect(off?.fixes.map((fix) => fix.id)).toEqual(['goproxy-off-elsewhere', 'vendor-offline', 'goprivate-add']);
    for (const diagnosis of json.diagnoses) for (const fix of diagnosis.fixes) expect(Object.keys(fix)[0]).toBe('id');
  });
});
