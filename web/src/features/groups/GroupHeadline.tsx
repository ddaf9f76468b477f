import type { GroupDetail } from '../../api/groups';
import { fmtInt } from '../../ui/format';
import { GroupStateBadge, GroupTypeBadge } from './GroupBadges';

/** One line under the group's name: protocol, state, members and total lag. */
export function GroupHeadline(props: { group: GroupDetail }) {
  const totalLag = () => props.group.offsets.reduce((s, o) => s + o.lag, 0);
  return (
    <span class="page-sub head-badges" data-testid="group-summary">
      <GroupTypeBadge type={props.group.type} />
      <GroupStateBadge state={props.group.state} />
      <span>
        {fmtInt(props.group.members.length)} members · lag {fmtInt(totalLag())}
      </span>
    </span>
  );
}
