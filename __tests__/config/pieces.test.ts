import { describe, expect, it } from 'vitest';
import { checkUnitText } from '../../src/config/check-unit.js';
import { didYouMean } from '../../src/config/did-you-mean.js';
import { parseDuration, parseTtl } from '../../src/config/duration.js';
import { architectureOf } from '../../src/config/instance-types.js';
import { parseYamlSource, positionOf } from '../../src/config/yaml-source.js';

describe('durations', () => {
  it.each([
    ['90s', 90],
    ['15m', 900],
    ['8h', 28_800],
    ['3d', 259_200],
  ])('%s is %i seconds', (text, seconds) => expect(parseDuration(text)).toBe(seconds));

  it.each(['', '0s', '15', '1.5h', '8 hours', '-1m', '1w', 'never'])('%j is not a duration', (text) =>
    expect(parseDuration(text)).toBeUndefined(),
  );

  it('accepts never only as a ttl', () => {
    expect(parseTtl('never')).toBe('never');
    expect(parseTtl('2h')).toBe(7200);
  });
});

describe('architectureOf', () => {
  it.each([
    ['t3.small', 'x86_64'],
    ['t3a.small', 'x86_64'],
    ['c7i-flex.large', 'x86_64'],
    ['g4dn.xlarge', 'x86_64'],
    ['g5.xlarge', 'x86_64'],
    ['t4g.small', 'arm64'],
    ['m7g.large', 'arm64'],
    ['c7gn.large', 'arm64'],
    ['r6gd.large', 'arm64'],
    ['im4gn.large', 'arm64'],
    ['is4gen.large', 'arm64'],
    ['g5g.xlarge', 'arm64'],
    ['a1.large', 'arm64'],
  ])('%s is %s', (type, arch) => expect(architectureOf(type)).toBe(arch));

  it('does not guess for names that are not family.size', () => {
    expect(architectureOf('t3small')).toBeUndefined();
  });
});

describe('didYouMean', () => {
  it('suggests close keys and prefixes, and nothing for far ones', () => {
    expect(didYouMean('regoins', ['regions', 'instances'])).toBe('regions');
    expect(didYouMean('instance-types', ['instance_types'])).toBe('instance_types');
    expect(didYouMean('size', ['size_gb', 'type'])).toBe('size_gb');
    expect(didYouMean('colour', ['regions', 'bucket'])).toBeUndefined();
  });
});

describe('checkUnitText', () => {
  it('accepts a unit with [Service], comments and continuations', () => {
    expect(checkUnitText("# c\n[Unit]\nDescription=x\n\n[Service]\nExecStart=/bin/sh -c \\\n  'echo hi'\n; done\n")).toBeUndefined();
  });

  it('names the line that does not parse and a missing [Service]', () => {
    expect(checkUnitText('[Service]\nExecStart=/bin/true\nnonsense\n')).toEqual({
      line: 3,
      message: 'line 3 is neither [Section] nor Key=value',
    });
    expect(checkUnitText('Description=x\n[Service]\n')).toEqual({
      line: 1,
      message: 'line 1 comes before any [Section]',
    });
    expect(checkUnitText('[Unit]\nDescription=x\n')).toEqual({
      line: 1,
      message: 'has no [Service] section',
    });
  });
});

describe('positionOf', () => {
  const { source } = parseYamlSource('f.yaml', 'a:\n  b: [1, 2]\n  c:\n    - x: 1\nd: text\n');

  it('points at values, at keys of collections, and at the nearest existing ancestor', () => {
    expect(positionOf(source, ['d'])).toEqual({ line: 5, column: 4 });
    expect(positionOf(source, ['d'], 'key')).toEqual({ line: 5, column: 1 });
    expect(positionOf(source, ['a', 'b'])).toEqual({ line: 2, column: 3 });
    expect(positionOf(source, ['a', 'b', 1])).toEqual({ line: 2, column: 10 });
    expect(positionOf(source, ['a', 'c', 0, 'x'])).toEqual({
      line: 4,
      column: 10,
    });
    expect(positionOf(source, ['a', 'c', 0, 'missing'])).toEqual({
      line: 4,
      column: 7,
    });
  });
});
