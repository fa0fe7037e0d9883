// Pure tests (no real go) must finish quickly; a hang shows up as a failure within this bound.
import { jest } from '@jest/globals';

jest.setTimeout(30_000);
