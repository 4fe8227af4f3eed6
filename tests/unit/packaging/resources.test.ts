import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPhantomParameters } from '../../../electron/core/demo/demo-parameters';
import { loadDemoStudy } from '../../../electron/core/demo/demo-study';
import { PhantomGroundTruthSchema } from '../../../electron/core/phantom';
import { packagerOptions } from '../../../electron/packaging/packager-options';
import { renderSvg, RENDER_SIZE } from '../../../electron/packaging/render-icons';
import { REPO_ROOT, temporaryFolder } from '../../support/paths';

// resources/: what the app ships besides code, each file checked against what it stands for.
const RESOURCES = path.join(REPO_ROOT, 'resources');
let work: string;
beforeAll(() => {
  work = temporaryFolder('resources');
});
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

/** Pillow's reading of image files, as JSON. */
function pillow(script: string, ...args: string[]): unknown {
  const run = spawnSync('/usr/bin/python3', ['-c', `import json, sys\nfrom PIL import Image\n${script}`, ...args], { encoding: 'utf8' });
  expect(run.status, run.stderr).toBe(0);
  return JSON.parse(run.stdout);
}

describe('resources/', () => {
  it('icon.png is a 512 px rendering of icon.svg, transparent outside the rounded square', () => {
    const drawn = path.join(work, 'drawn.png');
    renderSvg(path.join(RESOURCES, 'icon.svg'), RENDER_SIZE, drawn);
    const facts = pillow(
      [
        'shipped = Image.open(sys.argv[1]).convert("RGBA")',
        'fresh = Image.open(sys.argv[2]).convert("RGBA").resize((512, 512), Image.LANCZOS)',
        'diff = [abs(a - b) for p, q in zip(shipped.getdata(), fresh.getdata()) for a, b in zip(p, q)]',
        'print(json.dumps({"size": shipped.size, "mean": sum(diff) / len(diff), "corner": shipped.getpixel((2, 2)), "centre": shipped.getpixel((256, 256))}))',
      ].join('\n'),
      path.join(RESOURCES, 'icon.png'),
      drawn,
    ) as { size: number[]; mean: number; corner: number[]; centre: number[] };
    expect(facts.size).toEqual([512, 512]);
    expect(facts.mean).toBeLessThan(1);
    expect(facts.corner[3]).toBe(0);
    expect(facts.centre[3]).toBe(255);
  });

  it('icon.ico and icon.icns hold the icon at the sizes Windows and macOS want', () => {
    const sizes = pillow(
      'ico = Image.open(sys.argv[1]); icns = Image.open(sys.argv[2])\nprint(json.dumps({"ico": sorted(ico.info["sizes"]), "icns": sorted(icns.info["sizes"])}))',
      path.join(RESOURCES, 'icon.ico'),
      path.join(RESOURCES, 'icon.icns'),
    ) as { ico: number[][]; icns: number[][] };
    expect(sizes.ico).toContainEqual([256, 256]);
    expect(sizes.ico).toContainEqual([16, 16]);
    expect(sizes.icns.some(([w]) => w! >= 512)).toBe(true);
  });

  it("holds the licence of the fonts the referral PDF embeds, word for word the package's", () => {
    const shipped = fs.readFileSync(path.join(RESOURCES, 'licenses', 'DejaVu-fonts-LICENSE.txt'), 'utf8');
    expect(shipped).toBe(fs.readFileSync(path.join(REPO_ROOT, 'node_modules', 'dejavu-fonts-ttf', 'LICENSE'), 'utf8'));
    expect(fs.readFileSync(path.join(REPO_ROOT, 'electron/core/export/referral/pdf-fonts.ts'), 'utf8')).toContain('dejavu-fonts-ttf/ttf/');
  });

  it('the demo study is made with the parameters of demo-phantom.json', async () => {
    const onDisk = JSON.parse(fs.readFileSync(path.join(RESOURCES, 'demo-phantom.json'), 'utf8')) as Record<string, unknown>;
    expect(demoPhantomParameters()).toEqual(onDisk);
    const images = await loadDemoStudy(work);
    const truth = PhantomGroundTruthSchema.parse(JSON.parse(fs.readFileSync(path.join(path.dirname(images), 'ground-truth.json'), 'utf8')));
    expect(truth).toMatchObject({
      seed: onDisk.seed,
      patient: { name: onDisk.patientName, id: onDisk.patientId },
      studyDate: onDisk.studyDate,
      geometry: { rows: onDisk.rows, columns: onDisk.columns, sliceCount: onDisk.sliceCount, sliceThicknessMm: onDisk.sliceThicknessMm },
      tissues: { noiseSdHu: onDisk.noiseSdHu },
    });
    expect(fs.readdirSync(images)).toHaveLength(onDisk.sliceCount as number);
  });

  it('goes into the package: beside the asar, with the icon for each platform', () => {
    const options = packagerOptions(REPO_ROOT);
    expect(options.extraResource).toEqual([RESOURCES]);
    for (const extension of ['.icns', '.ico']) expect(fs.existsSync(`${options.icon as string}${extension}`)).toBe(true);
    const ignore = options.ignore as (file: string) => boolean;
    expect(['/out/main/index.js', '/package.json', '/node_modules/zod/package.json'].map(ignore)).toEqual([false, false, false]);
    expect(['/electron/main/index.ts', '/tests/unit', '/resources/icon.png'].map(ignore)).toEqual([true, true, true]);
  });
});
