#!/usr/bin/env node
// The `soundfoundry` command. The code is TypeScript run from source through tsx
// (see README "Decisions"), so this shim registers tsx and hands over to cli.ts.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli.ts');
