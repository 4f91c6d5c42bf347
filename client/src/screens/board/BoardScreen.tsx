/**
 * Krisledningsnämnden (R190–R199): the roster, the meeting at hand or the kallelse for the
 * next one, the takeovers that hold, and the past meetings with their protocols. The chair leads;
 * the administrative function records attendance; the director informs; members attest; the
 * security chief and others follow read-only. Every action is offered as the shared policy says.
 */
import { useState } from 'react';
import { dayTime } from '../../format';
import { useCityState, useMay } from '../../hooks';
import { Card, CmdForm, TextField } from '../../components/kit';
import type { ScreenProps } from '../common';
import { LifecycleLayout } from '../lifecycle/layout';
import { Members } from './Members';
import { Convene } from './Convene';
import { CurrentMeeting } from './Meeting';
import { Protocols } from './Protocols';
import { Takeovers } from './Takeovers';
import { currentMeeting } from './views';
import './board.css';

function FunctionLine() {
  const state = useCityState();
  if (state.boardInFunction)
    return (
      <p className="fn-status fn-on" data-testid="board-function">
        <span aria-hidden="true">●</span> <strong>Krisledningsnämnden är i funktion</strong>
        {state.board.inFunctionSince && ` sedan ${dayTime(state.board.inFunctionSince)}`}.
      </p>
    );
  return (
    <p className="fn-status fn-off" data-testid="board-function">
      <span aria-hidden="true">○</span> <strong>Krisledningsnämnden är inte i funktion.</strong> Den
      träder i funktion när ordföranden bedömer att en händelse är extraordinär.
      {state.board.functionEnded &&
        ` Verksamheten upphörde ${dayTime(state.board.functionEnded.at)}.`}
    </p>
  );
}

/** R199: the director's information comes before the board as an agenda item. */
function Inform() {
  const [text, setText] = useState('');
  const may = useMay('board.inform', { text: 'x' });
  if (!may) return null;
  return (
    <CmdForm
      origin="board-inform"
      title="Information till nämnden"
      submitLabel="Lämna informationen"
      okText="Informationen står bland nämndens ärenden."
      onSaved={() => setText('')}
      onSubmit={() => (text.trim() ? { type: 'board.inform', payload: { text } } : null)}
    >
      <TextField
        label="Information om händelsen"
        value={text}
        onChange={setText}
        rows={4}
        required
      />
    </CmdForm>
  );
}

export function BoardScreen(_props: ScreenProps) {
  const state = useCityState();
  const meeting = currentMeeting(state);
  const main = (
    <>
      <h1 className="board-h1">Krisledningsnämnden</h1>
      <FunctionLine />
      <Card title={meeting ? 'Sammanträde' : 'Nästa sammanträde'} testId="board-meeting">
        {meeting ? (
          <CurrentMeeting meeting={meeting} />
        ) : state.boardInFunction ? (
          <Convene />
        ) : (
          <p className="muted">Nämnden kallas när den är i funktion.</p>
        )}
        <Inform />
      </Card>
      <Takeovers />
    </>
  );
  const side = (
    <>
      <Members />
      <Protocols />
    </>
  );
  return <LifecycleLayout label="Krisledningsnämnden" columns={[main, side]} />;
}
