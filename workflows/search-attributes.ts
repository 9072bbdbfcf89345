import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/**
 * Custom search attributes of application workflows. Search attributes are NOT encrypted by the
 * payload codec, so they must never hold personal data (no identity codes, no names).
 */
export const SA = {
  service: defineSearchAttributeKey('LupaService', SearchAttributeType.KEYWORD),
  authority: defineSearchAttributeKey('LupaAuthority', SearchAttributeType.KEYWORD),
  status: defineSearchAttributeKey('LupaStatus', SearchAttributeType.KEYWORD),
  /** Business id (Y-tunnus) of the organisation applied for, when the applicant acts for one. */
  organisation: defineSearchAttributeKey('LupaOrganisation', SearchAttributeType.KEYWORD),
  submittedAt: defineSearchAttributeKey('LupaSubmittedAt', SearchAttributeType.DATETIME),
  /** The next deadline that matters for the case (supplement, handling, appeal). */
  deadline: defineSearchAttributeKey('LupaDeadline', SearchAttributeType.DATETIME),
} as const;

/** `Name=Type` pairs, as `temporal server start-dev --search-attribute` and the operator CLI take them. */
export const searchAttributeFlags: string[] = Object.values(SA).map((key) => `${key.name}=${cliType(key.type)}`);

function cliType(type: SearchAttributeType): string {
  switch (type) {
    case SearchAttributeType.KEYWORD: return 'Keyword';
    case SearchAttributeType.DATETIME: return 'Datetime';
    default: throw new Error(`unmapped search attribute type ${type}`);
  }
}
