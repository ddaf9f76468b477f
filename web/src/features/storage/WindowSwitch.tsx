import { Segmented } from '../../ui/Segmented';
import { WINDOWS, type WindowId } from './format';
import './storage.css';

/** The time window every storage view looks back over. */
export function WindowSwitch(props: { value: WindowId; onChange: (id: WindowId) => void }) {
  return (
    <Segmented label="Window" options={WINDOWS.map((w) => ({ value: w.id, label: w.label }))} value={props.value} onChange={props.onChange} />
  );
}
