/**
 * `check` and `explain` name the same scenario for the same failure: `check` classifies a probe from its
 * facts, `explain` reads the line go prints for it. Over a grid of module paths (public, private-looking),
 * proxies (public, the company's own), and answers (404, 410, 401, 403, 500, 502), the scenario of check's
 * classification equals explain's first diagnosis of go's line.
 */
import { classifyProbe } from '../../src/check/probe-cause.js';
import { explainBlocks } from '../../src/explain/engine.js';
import { blocksFromText } from '../../src/explain/read-log.js';
import { record, statusResult } from './network-support.js';

const MODULES = ['github.com/spf13/cobra@v1.8.0', 'git.corp.example.com/team/lib@v0.1.0', 'gitlab.internal/platform/auth@v1.2.3'];
const PROXIES = ['https://proxy.golang.org', 'https://goproxy.cn', 'https://athens.corp.example.com', 'https://nexus.internal/repository/go'];
const ANSWERS: Array<[number, string]> = [
  [404, 'Not Found'],
  [410, 'Gone'],
  [401, 'Unauthorized'],
  [403, 'Forbidden'],
  [500, 'Internal Server Error'],
  [502, 'Bad Gateway'],
];

const grid = MODULES.flatMap((module) => PROXIES.flatMap((proxy) => ANSWERS.map(([status, text]) => [module, proxy, status, text] as const)));

test.each(grid)('%s from %s answering %i %s', (module, proxy, status, text) => {
  const [path = '', version = ''] = module.split('@');
  const url = `${proxy}/${path}/@v/${version}.info`;
  const probe = record(0, module, statusResult(url, status, text));
  const fromCheck = classifyProbe(probe, 1000).call?.scenario;
  const line = `go: ${module}: ${probe.result.goError ?? ''}`;
  const fromExplain = explainBlocks(blocksFromText(line), {}).diagnoses[0]?.scenario;
  expect({ line, scenario: fromCheck }).toEqual({ line, scenario: fromExplain });
});
