/** Alarm plans: for each level, the lists and template an alarm at that level starts with. */
import { useId, useState } from 'react';
import { LEVELS, LEVEL_LABEL, type Level } from '../../../../../shared/domain/vocabulary';
import { SubmitActions } from '../../../components/SubmitActions';
import { Field } from '../../../components/bits';
import { Check, FormCard, toggled } from '../../../components/adminKit';
import { useCityState } from '../../../hooks';
import { useSubmitOnce } from '../../../submitOnce';

function PlanForm({ level }: { level: Level }) {
  const uid = useId();
  const state = useCityState();
  const plan = state.alarm.plans[level];
  const { submit: send, ack } = useSubmitOnce(`alarm-plan-${level}`);
  const [listIds, setListIds] = useState<string[]>(plan?.listIds ?? []);
  const [templateId, setTemplateId] = useState(plan?.templateId ?? '');
  return (
    <FormCard
      title={`Larmplan: ${LEVEL_LABEL[level]}`}
      onSubmit={() =>
        send('alarm.savePlan', { level, listIds, ...(templateId ? { templateId } : {}) })
      }
    >
      <fieldset>
        <legend>Listor som larmas</legend>
        {Object.values(state.alarm.lists).map((l) => (
          <Check
            key={l.id}
            checked={listIds.includes(l.id)}
            onChange={(on) => setListIds((ids) => toggled(ids, l.id, on))}
          >
            {l.name}
          </Check>
        ))}
      </fieldset>
      <Field label="Mall" id={`${uid}-t`}>
        <select id={`${uid}-t`} value={templateId} onChange={(e) => setTemplateId(e.target.value)}>
          <option value="">Ingen</option>
          {Object.values(state.alarm.templates).map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
        </select>
      </Field>
      <SubmitActions
        label="Spara larmplanen"
        disabled={listIds.length === 0}
        ack={ack}
        okText="Larmplanen är sparad."
      />
    </FormCard>
  );
}

export function Plans() {
  return (
    <section aria-labelledby="plans-h">
      <h2 id="plans-h">Larmplaner per nivå</h2>
      <div className="plan-grid">
        {LEVELS.map((l) => (
          <PlanForm key={l} level={l} />
        ))}
      </div>
    </section>
  );
}
