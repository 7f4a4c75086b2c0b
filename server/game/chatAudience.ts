import type { Role } from '../../shared/protocol/schemas.ts';
import type { ChatLine } from '../../shared/protocol/serverMessages.ts';

/** Who is reading: a member's role and nation. */
export interface Reader {
  role: Role;
  nation: string | null;
}

/**
 * Whether a reader may see a chat line: public lines are for everyone; team lines for the team and
 * the facilitator; bilateral lines ('CN-US') for both teams and the facilitator.
 */
export function maySeeChat(line: ChatLine, reader: Reader): boolean {
  if (line.channel === 'public') return true;
  if (reader.role === 'facilitator') return true;
  if (!reader.nation) return false;
  if (line.channel === 'team') return line.team === reader.nation;
  return line.channel.split('-').includes(reader.nation);
}

/** The channel name of a bilateral conversation between two nations: sorted, 'CN-US'. */
export function bilateralChannel(a: string, b: string): `${string}-${string}` {
  return a < b ? `${a}-${b}` : `${b}-${a}`;
}
