import { useOutletContext } from 'react-router-dom';
import type { UnitOutletContext } from '../session';
import { ReachChart } from './ReachChart';

/** "Tiếp cận": the unit's last 30 days of posts, notifications, reads and new followers. */
export function ReachTab() {
  const { unit } = useOutletContext<UnitOutletContext>();
  return <ReachChart unitId={unit.id} />;
}
