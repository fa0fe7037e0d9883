// Tests that run a real go (builds, module downloads, several toolchains) get a longer bound.
import { jest } from '@jest/globals';

jest.setTimeout(120_000);
