import type { ExerciseCatalog } from '../../shared/commands';
import { CITY_UNITS } from '../../shared/domain/units';
import { isDivisionId } from '../../shared/domain/division';
import { checkInjectsAgainstDivision, type Scenario } from '../../shared/exercise/scenario';
import { loadDivision, type LoadedDivision } from '../geo';
import { loadScenarioDir } from './scenarioFile';

/**
 * The scenarios in the scenario directory and the divisions an exercise may run on, for the
 * exercise commands. A scenario that does not fit its division is left out with a warning.
 */
export class FileExerciseCatalog implements ExerciseCatalog {
  private readonly divisions = new Map<string, LoadedDivision>();
  private scenarios: Map<string, Scenario> | null = null;
  private found: string[] = [];

  /**
   * The scenarios are read and checked against their division when first asked for, not at
   * start-up: a restarted node listens about 100 ms sooner, and the check still reports every
   * problem before a scenario can be used.
   */
  constructor(private readonly dir: string) {}

  get problems(): string[] {
    this.read();
    return this.found;
  }

  private read(): Map<string, Scenario> {
    if (!this.scenarios) this.reload();
    return this.scenarios as Map<string, Scenario>;
  }

  reload(): void {
    const { scenarios, problems } = loadScenarioDir(this.dir);
    this.found = problems;
    this.scenarios = new Map();
    for (const s of scenarios) {
      const facts = this.division(s.division);
      const errors = facts ? checkInjectsAgainstDivision(s.injects, facts) : [];
      if (errors.length > 0) {
        this.found.push(...errors.map((e) => `${s.id}: ${e.path}: ${e.message}`));
        continue;
      }
      this.scenarios.set(s.id, s);
    }
    for (const p of this.found) console.warn(`[scenarier] ${p}`);
  }

  scenario(id: string): Scenario | undefined {
    return this.read().get(id);
  }

  list(): Scenario[] {
    return [...this.read().values()];
  }

  loaded(id: string): LoadedDivision | undefined {
    if (!isDivisionId(id)) return undefined;
    let d = this.divisions.get(id);
    if (!d) {
      d = loadDivision(id);
      this.divisions.set(id, d);
    }
    return d;
  }

  division(id: string) {
    const d = this.loaded(id);
    if (!d) return undefined;
    return {
      name: d.division.name,
      districtIds: new Set(d.division.districts.map((x) => x.id)),
      unitIds: new Set(CITY_UNITS.map((u) => u.id)),
      districtAt: d.districtAt,
    };
  }
}
