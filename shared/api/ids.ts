import { z } from 'zod';

/** Identifiers as the token service defines them (docs/domain.md, "Identifiers"). */
export const IssuerId = z.string().regex(/^[A-Za-z0-9]{10}$/, 'exactly 10 letters or digits');
export const CardholderId = z.string().regex(/^C\d{7}$/, 'C followed by 7 digits');
/** The issuer's funding-card reference (≤ 48). It is not a card number and never contains one. */
export const IssuerCardRefId = z.string().regex(/^CR[A-Z0-9]{6,46}$/, 'CR followed by 6–46 capitals or digits');
/** The token (D1 `digitalCardId`). */
export const VirtualCardId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, '1–64 of A–Z a–z 0–9 _ -');
export const LastFour = z.string().regex(/^\d{4}$/, 'four digits');
export const Expiry = z.string().regex(/^(0[1-9]|1[0-2])\/\d{2}$/, 'MM/YY');
export const IsoDateTime = z.iso.datetime({ offset: true });
export const CorrelationId = z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, '1–64 of A–Z a–z 0–9 _ . -');
export const AgentId = z.string().regex(/^[a-z][a-z0-9._-]{2,31}$/, '3–32 lower-case letters, digits, . _ -');
export const WorkstationId = z.string().regex(/^[A-Za-z0-9._-]{1,64}$/);
/** A token event (a line of the token's history). */
export const EventId = z.string().regex(/^EV[0-9A-Z]{8,30}$/, 'EV followed by 8–30 capitals or digits');
/** An agent's operation as the backend accepted it; its confirmation and notification carry it too. */
export const OperationId = z.string().regex(/^OP[A-Z0-9]{8,30}$/, 'OP followed by 8–30 capitals or digits');
/** A four-eyes approval request: `AR` + letters, never a run of digits that could pass for a card number. */
export const ApprovalRequestId = z.string().regex(/^AR[A-Z]{8,30}$/, 'AR followed by 8–30 capitals');
