/** The alarm scenario with the embedded (in-process) scheduler; restart = new app instance on the same data. */
import { InProcessScheduler } from '../server/jobs/scheduler';
import { alarmScenarioTests } from './support/alarmScenarioTests';

alarmScenarioTests('in process', () => new InProcessScheduler());
