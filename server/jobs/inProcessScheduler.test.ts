import { schedulerContract } from '../../test/scheduler.contract';
import { InProcessScheduler } from './scheduler';

schedulerContract({ name: 'in process', durable: false, make: () => new InProcessScheduler() });
