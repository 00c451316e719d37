import type { Command } from 'commander';
import { SingleBar, Presets } from 'cli-progress';
import { importUnits, readImportFile } from '../modules/units/units.service.js';
import { runCli, shellActor } from './run.js';

export function registerUnitCommands(program: Command): void {
  const units = program.command('units').description('units (province, city, ward/commune, residential group)');
  units
    .command('import')
    .description('import a unit tree from JSON (see seed/units/README.md); a bad file changes nothing')
    .argument('<file>', 'JSON file')
    .action((file: string) =>
      runCli(async (ctx) => {
        const bar = process.stderr.isTTY
          ? new SingleBar({ format: 'units [{bar}] {value}/{total}' }, Presets.shades_classic)
          : null;
        let started = false;
        const report = await importUnits(ctx, shellActor(), readImportFile(file), (done, total) => {
          if (bar && !started) {
            bar.start(total, 0);
            started = true;
          }
          bar?.update(done);
        });
        if (started) bar?.stop();
        process.stdout.write(
          `imported: ${report.created} created, ${report.filled} filled in, ${report.unchanged} unchanged\n`,
        );
      }),
    );
}
