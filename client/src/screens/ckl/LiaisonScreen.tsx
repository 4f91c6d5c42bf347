/**
 * The liaison function (samverkan): the register of external actors with their contact routes
 * and contact log, the city's representatives placed with other actors, requests for expertise
 * or resources, and the coordination conferences (samverkanskonferens) with roll-call, the
 * fixed agenda, minutes and the agreed joint direction.
 */
import type { ScreenProps } from '../common';
import { CklLayout, FunctionStatusLine } from '../../components/kit';
import { FunctionTasks } from './Tasks';
import { Conferences } from './liaison/Conferences';
import { Register } from './liaison/Register';
import { Representatives } from './liaison/Representatives';
import { Requests } from './liaison/Requests';

export function LiaisonScreen(_props: ScreenProps) {
  return (
    <CklLayout
      label="Samverkansfunktionen"
      head={<FunctionStatusLine fn="liaison" />}
      columns={[
        <Register key="r" />,
        <Conferences key="c" />,
        <>
          <FunctionTasks fn="liaison" />
          <Requests />
          <Representatives />
        </>,
      ]}
    />
  );
}
