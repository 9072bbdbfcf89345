/**
 * One permit application: its state transitions, each recorded as one or more events and stored in
 * one write. Workflow code: the clock is the workflow's (deterministic), side effects go through
 * activities. The caller serialises calls.
 */
import { ActivityFailure, ApplicationFailure, upsertSearchAttributes, uuid4, workflowInfo } from '@temporalio/workflow';
import { ErrorCode } from '../error-codes';
import { identity, store } from './activities';
import { type Deadline, pendingDeadlines, searchableDeadline } from './deadlines';
import { applicationMessage, applySendOutcome, isXroad, markDelivered, mayHoldApplication, queueAttachments, queueOutbound, type OutboundMessage, type SendOutcome } from './exchange';
import { attachmentRef, sealedContent, unsealedAttachments } from './attachments';
import { pauseClock, resumeClock, startClock, stopClock } from './handling-clock';
import { checkMandate, refusalCode, type MandatedAct } from './mandate';
import { Notifier, notificationsEnabled } from './notifications';
import { pendingReminders } from './reminders';
import type {
  AddAttachmentInput, RemoveAttachmentInput, AcknowledgeInput, Actor, ApplicationView, AuthorityStatusInput, CaseEventType, CloseReason, DecideInput, Decision,
  RequestSupplementInput, SaveDraftInput, SetConsentInput, StartApplicationInput, SubmissionReceipt, SubmitInput,
  SupplementInput, SupplementRequest, TimelineEntry, WithdrawInput,
} from './messages';
import { searchAttributeChanges, searchValuesAtStart, searchValuesOf, type SearchValues } from './searchable';
import { type CaseState, DAY_MS, handlingDue, initialState, iso, openRequest, toView } from './state';
import {
  checkAddAttachment, checkRemoveAttachment, checkAcknowledge, checkAuthorityStatus, checkDecide, checkRequestSupplement, checkSaveDraft, checkSetConsent, checkSubmit, checkSupplement, checkWithdraw, failure,
} from './transitions';

const SYSTEM: Actor = { kind: 'system', ref: 'lupaflow', name: 'Lupaflow' };

/** The ErrorCode an activity refused with, if it refused with one. */
function refusal(err: unknown): ApplicationFailure | undefined {
  return err instanceof ActivityFailure && err.cause instanceof ApplicationFailure ? err.cause : undefined;
}

export class ApplicationCase {
  readonly state: CaseState;
  /** Bumped on every change, so the main loop re-plans its timers. */
  revision = 0;
  /** True once the opening checks are done and recorded (DRAFT or CLOSED). */
  opened = false;
  /** How many timeline entries are in the store; the rest were appended by the transition in progress. */
  private stored = 0;
  /** The search attributes as last upserted (or as the workflow was started with). */
  private searchable: SearchValues;
  /** E-mail notifications the transitions start; the workflow awaits them before it ends. */
  readonly notifier: Notifier;

  constructor(input: StartApplicationInput) {
    this.state = initialState(input, Date.now());
    this.searchable = searchValuesAtStart(workflowInfo().typedSearchAttributes);
    this.state.notices.enabled = notificationsEnabled();
    this.notifier = new Notifier(this.state);
  }

  view(): ApplicationView {
    return toView(this.state, Date.now());
  }

  private get service() {
    if (!this.state.service) throw new Error('service settings not loaded');
    return this.state.service;
  }

  private get applicantActor(): Actor {
    const { applicant, principal } = this.state.input;
    return { kind: 'applicant', ref: applicant.ref, name: applicant.name, onBehalfOf: principal };
  }

  /**
   * Appends an event to the timeline; the transition writes it when it ends. `when` is the moment the
   * act was received, where a receipt already names it (the event log and the receipt must agree).
   */
  private record(type: CaseEventType, actor: Actor, data: Record<string, unknown> = {}, when = Date.now()): void {
    const s = this.state;
    const at = iso(when);
    s.timeline.push({ seq: s.timeline.length + 1, type, at, actor, status: s.status, data });
    s.updatedAt = at;
    this.revision++;
  }

  /**
   * Runs one transition, then stores what it changed: one upsert of the search attributes that
   * changed and one write of the events it appended, however many. Also after a failed transition,
   * so that what it did record is kept.
   */
  private async transition<T>(change: () => Promise<T> | T): Promise<T> {
    try {
      return await change();
    } finally {
      await this.persist();
    }
  }

  private async persist(): Promise<void> {
    const s = this.state;
    const searchable = searchValuesOf(s);
    const changes = searchAttributeChanges(this.searchable, searchable);
    if (changes.length > 0) upsertSearchAttributes(changes);
    this.searchable = searchable;
    if (this.stored === s.timeline.length) return;
    const entries = s.timeline.slice(this.stored) as [TimelineEntry, ...TimelineEntry[]];
    this.stored = s.timeline.length;
    const deadline = searchableDeadline(s);
    await store.recordEvents({ entries, view: this.view(), deadlineAt: deadline === null ? null : iso(deadline) });
  }

  private close(reason: CloseReason, actor: Actor, data: Record<string, unknown> = {}): void {
    this.state.status = 'CLOSED';
    this.state.closeReason = reason;
    this.state.clock = stopClock(this.state.clock, Date.now());
    this.record('CLOSED', actor, { reason, ...data });
  }

  /** STARTED → service, session and mandate checks → DRAFT, or CLOSED with the reason. */
  async open(): Promise<void> {
    const s = this.state;
    const { input } = s;
    try {
      await this.transition(async () => {
        s.service = await store.loadServiceSettings(input.serviceId);
        this.record('STARTED', this.applicantActor, { serviceId: input.serviceId, language: input.language });
        await this.checkOpening();
      });
    } finally {
      this.opened = true;
    }
  }

  private async checkOpening(): Promise<void> {
    const s = this.state;
    const { input } = s;
    if (!s.service) {
      return this.close('SERVICE_UNAVAILABLE', SYSTEM, { message: 'The permit service does not exist or does not take applications now.' });
    }
    const requiredLoa = s.service.requiredLoa;
    try {
      const { loa } = await identity.verifySession({ sessionRef: input.sessionRef, subjectRef: input.applicant.ref, requiredLoa });
      s.status = 'IDENTITY_VERIFIED';
      this.record('IDENTITY_VERIFIED', SYSTEM, { loa, requiredLoa });
    } catch (err) {
      const refused = refusal(err);
      if (refused?.type === ErrorCode.LOA_TOO_LOW) {
        this.record('IDENTITY_REJECTED', SYSTEM, { reason: 'LOA_TOO_LOW', requiredLoa });
        return this.close('LOA_TOO_LOW', SYSTEM, { requiredLoa });
      }
      if (refused?.type === ErrorCode.SESSION_INVALID) return this.close('SESSION_INVALID', SYSTEM);
      throw err;
    }
    if (input.principal !== null) {
      const verdict = await this.checkMandate('start', input.sessionRef);
      if (!verdict.allowed) return this.close('NO_MANDATE', SYSTEM, { message: verdict.message });
    } else {
      s.status = 'MANDATE_CHECKED';
      this.record('MANDATE_CHECKED', SYSTEM, { basis: 'self' });
    }
    s.status = 'DRAFT';
    s.draftExpiresAt = Date.now() + s.service.draftExpiryDays * DAY_MS;
    // Started in a project: its common data is the first draft (the API fitted it to the service's form).
    const { project } = input;
    if (project) s.draft = { version: 1, form: project.form, savedAt: iso(Date.now()) };
    this.record('DRAFT_OPENED', SYSTEM, {
      draftExpiresAt: iso(s.draftExpiresAt), ...(project ? { projectId: project.projectId, prefilled: Object.keys(project.form) } : {}),
    });
  }

  /**
   * Asks Suomi.fi e-Authorizations whether the applicant may act for the case's principal now, with the
   * choice made in login `sessionRef`, and records the answer as evidence (MANDATE_CHECKED / _REFUSED).
   */
  private async checkMandate(act: MandatedAct, sessionRef: string) {
    const { input } = this.state;
    const principal = input.principal!;
    const { verdict, event, data } = await checkMandate(act, {
      sessionRef, applicantRef: input.applicant.ref, principal, rule: this.service.representation,
    });
    if (verdict.allowed && act === 'start') this.state.status = 'MANDATE_CHECKED';
    this.record(event, SYSTEM, data);
    return verdict;
  }

  /** Before an applicant's legal act on a principal's behalf: the mandate must hold now, else the act fails (nothing else changes). */
  private async requireMandate(act: MandatedAct, sessionRef: string | undefined): Promise<void> {
    if (this.state.input.principal === null) return;
    const verdict = await this.checkMandate(act, sessionRef ?? this.state.input.sessionRef);
    if (!verdict.allowed) throw failure(refusalCode(verdict), verdict.message);
  }

  /** An applicant's act as recorded: on whose behalf, when the case acts for someone. */
  private acting(actor: Actor): Actor {
    const { principal } = this.state.input;
    return principal ? { ...actor, onBehalfOf: principal } : actor;
  }

  async saveDraft(input: SaveDraftInput): Promise<ApplicationView> {
    checkSaveDraft(this.state, input);
    await this.transition(() => {
      const s = this.state;
      const now = Date.now();
      s.draft = { version: s.draft.version + 1, form: input.form, savedAt: iso(now) };
      s.draftExpiresAt = now + this.service.draftExpiryDays * DAY_MS;
      this.record('DRAFT_SAVED', this.acting(input.actor), { version: s.draft.version, draftExpiresAt: iso(s.draftExpiresAt) });
    });
    return this.view();
  }

  /**
   * The applicant lets the authority see the draft, or takes that back; repeating the current choice
   * changes nothing. Giving it discloses the principal's draft, so it needs a mandate that holds now;
   * withdrawing only narrows who sees it.
   */
  async setConsent(input: SetConsentInput): Promise<ApplicationView> {
    checkSetConsent(this.state, input);
    if (input.given === this.state.consent.given) return this.view();
    await this.transition(async () => {
      if (input.given) await this.requireMandate('consent', input.sessionRef);
      this.state.consent = { given: input.given, at: iso(Date.now()) };
      this.record(input.given ? 'CONSENT_GIVEN' : 'CONSENT_WITHDRAWN', this.acting(input.actor));
    });
    return this.view();
  }

  /** The API has stored a file's bytes: the case lists it (its metadata and SHA-256 only). */
  async addAttachment(input: AddAttachmentInput): Promise<ApplicationView> {
    checkAddAttachment(this.state, input);
    await this.transition(() => {
      const { id, type, filename, mediaType, size, sha256 } = input.attachment;
      const attachment = { id, type, filename, mediaType, size, sha256, uploadedAt: iso(Date.now()) };
      this.state.attachments.push(attachment);
      this.record('ATTACHMENT_ADDED', this.acting(input.actor), attachmentRef(attachment));
    });
    return this.view();
  }

  /** Takes a file not yet submitted out of the case; the API then deletes its bytes. */
  async removeAttachment(input: RemoveAttachmentInput): Promise<ApplicationView> {
    checkRemoveAttachment(this.state, input);
    await this.transition(() => {
      const s = this.state;
      const removed = s.attachments.find((a) => a.id === input.attachmentId)!;
      s.attachments = s.attachments.filter((a) => a !== removed);
      this.record('ATTACHMENT_REMOVED', this.acting(input.actor), attachmentRef(removed));
    });
    return this.view();
  }

  async submit(input: SubmitInput): Promise<SubmissionReceipt> {
    checkSubmit(this.state, input);
    return this.transition(async () => {
      await this.requireMandate('submit', input.sessionRef);
      const s = this.state;
      const service = this.service;
      const at = Date.now();
      const files = unsealedAttachments(s);
      const receipt = await sealed(store.createReceipt({
        applicationId: s.input.applicationId,
        submittedAt: iso(at),
        content: sealedContent(s.draft.form, files),
        validate: { form: s.draft.form, schema: service.formSchema },
      }));
      s.sealedAttachmentIds.push(...files.map((f) => f.id));
      s.submission = receipt;
      s.status = 'SUBMITTED';
      s.clock = startClock(s.clock, at);
      s.acknowledgementDueAt = at + service.acknowledgementDeadlineDays * DAY_MS;
      this.record('SUBMITTED', this.acting(input.actor), { receiptId: receipt.receiptId, contentSha256: receipt.contentSha256, draftVersion: s.draft.version }, at);
      // xroad mode: DELIVERED once the authority system has it (exchange.ts); the receipt does not wait for that.
      if (isXroad(s)) {
        queueOutbound(s, 'application', applicationMessage(s, receipt), input.actor);
        queueAttachments(s, files, input.actor);
        return receipt;
      }
      // Portal mode: the case is now in the authority's queue in this platform.
      s.status = 'DELIVERED';
      this.record('DELIVERED', SYSTEM, { handlingMode: service.handlingMode, authorityId: service.authorityId, acknowledgementDueAt: iso(s.acknowledgementDueAt) }, at);
      this.notifier.submitted();
      return receipt;
    });
  }

  async acknowledge(input: AcknowledgeInput): Promise<ApplicationView> {
    checkAcknowledge(this.state, input);
    await this.transition(() => {
      // xroad mode: an acknowledgement can overtake the send's own result; it proves the delivery too.
      if (this.state.status === 'SUBMITTED') markDelivered(this.state, (type, data) => this.record(type, SYSTEM, data), { provedBy: 'acknowledgement' });
      this.state.caseNumber = input.caseNumber.trim();
      this.state.status = 'IN_HANDLING';
      this.record('ACKNOWLEDGED', input.actor, { caseNumber: this.state.caseNumber });
    });
    return this.view();
  }

  async requestSupplement(input: RequestSupplementInput): Promise<SupplementRequest> {
    const now = Date.now();
    checkRequestSupplement(this.state, input, now);
    return this.transition(() => {
      const s = this.state;
      const deadline = input.deadline ? Date.parse(input.deadline) : now + this.service.supplementDeadlineDays * DAY_MS;
      const request: SupplementRequest = {
        requestId: uuid4(), message: input.message, requestedAt: iso(now), deadline: iso(deadline), requestedBy: input.actor,
      };
      s.supplementRequests.push(request);
      s.clock = pauseClock(s.clock, now);
      s.status = 'SUPPLEMENT_REQUESTED';
      this.record('SUPPLEMENT_REQUESTED', input.actor, { requestId: request.requestId, deadline: request.deadline });
      this.notifier.supplementRequested(request.deadline);
      return request;
    });
  }

  async supplement(input: SupplementInput): Promise<ApplicationView> {
    checkSupplement(this.state, input);
    await this.transition(async () => {
      await this.requireMandate('supplement', input.sessionRef);
      const s = this.state;
      const request = openRequest(s) as SupplementRequest;
      const at = Date.now();
      const files = unsealedAttachments(s);
      const receipt = await sealed(store.createReceipt({
        applicationId: s.input.applicationId,
        submittedAt: iso(at),
        content: sealedContent({ message: input.message, form: input.form ?? null }, files),
        validate: input.form ? { form: input.form, schema: this.service.formSchema } : undefined,
      }));
      request.answeredAt = iso(at);
      request.answer = { message: input.message, contentSha256: receipt.contentSha256 };
      if (input.form) s.draft = { version: s.draft.version + 1, form: input.form, savedAt: iso(at) };
      s.clock = resumeClock(s.clock, at);
      s.status = 'IN_HANDLING';
      this.record('SUPPLEMENTED', this.acting(input.actor), { requestId: request.requestId, contentSha256: receipt.contentSha256, formChanged: Boolean(input.form) }, at);
      s.sealedAttachmentIds.push(...files.map((f) => f.id));
      queueOutbound(s, 'supplement', {
        requestId: request.requestId, message: input.message, form: input.form ?? null, contentSha256: receipt.contentSha256, answeredAt: iso(at),
        ...(files.length > 0 ? { attachments: files.map(attachmentRef) } : {}),
      }, input.actor);
      queueAttachments(s, files, input.actor);
    });
    return this.view();
  }

  async withdraw(input: WithdrawInput): Promise<ApplicationView> {
    checkWithdraw(this.state, input);
    await this.transition(async () => {
      // Withdrawing is a legal act too: on a principal's behalf only with a mandate that holds now.
      await this.requireMandate('withdraw', input.sessionRef);
      this.record('WITHDRAWN', this.acting(input.actor), input.reason ? { reason: input.reason } : {});
      if (mayHoldApplication(this.state)) queueOutbound(this.state, 'withdrawal', { reason: input.reason ?? null, withdrawnAt: iso(Date.now()) }, input.actor);
      this.close('WITHDRAWN', this.acting(input.actor));
    });
    return this.view();
  }

  async decide(input: DecideInput): Promise<Decision> {
    checkDecide(this.state, input);
    return this.transition(() => {
      const s = this.state;
      const at = Date.now();
      const decision: Decision = {
        outcome: input.outcome, text: input.text, decidedAt: iso(at), decidedBy: input.actor,
        appealPeriodEndsAt: iso(at + this.service.appealPeriodDays * DAY_MS),
        ...(input.document ? { document: input.document } : {}),
      };
      s.decision = decision;
      s.clock = stopClock(s.clock, at);
      s.status = 'DECIDED';
      this.record('DECIDED', input.actor, {
        outcome: decision.outcome, appealPeriodEndsAt: decision.appealPeriodEndsAt, ...(input.document ? { documentSha256: input.document.sha256 } : {}),
      });
      this.notifier.decided();
      return decision;
    });
  }

  /** xroad mode: the authority system reports its own handling status; recorded, the case status stays. */
  async authorityStatus(input: AuthorityStatusInput): Promise<ApplicationView> {
    checkAuthorityStatus(this.state, input);
    await this.transition(() => this.record('AUTHORITY_STATUS', input.actor, { status: input.status, text: input.text }));
    return this.view();
  }

  /** xroad mode: the outcome of sending one outbound message. */
  async exchanged(message: OutboundMessage, outcome: SendOutcome): Promise<void> {
    await this.transition(() => applySendOutcome(this.state, message, outcome, (type, data) => this.record(type, SYSTEM, data)));
  }

  /** Acts on every deadline that has come, earliest first, and stores them together. */
  async fireDueDeadlines(): Promise<void> {
    await this.transition(() => {
      for (let due = this.firstDue(); due; due = this.firstDue()) this.onDeadline(due);
    });
  }

  private firstDue(): Deadline | undefined {
    const now = Date.now();
    return pendingDeadlines(this.state).find((d) => d.at <= now);
  }

  private onDeadline({ kind, at }: Deadline): void {
    const s = this.state;
    switch (kind) {
      case 'DRAFT_EXPIRY':
        this.record('DRAFT_EXPIRED', SYSTEM, { draftExpiresAt: iso(at) });
        return this.close('DRAFT_EXPIRED', SYSTEM);
      case 'ACKNOWLEDGEMENT':
        s.alerted.acknowledgement = true;
        return this.record('ACKNOWLEDGEMENT_OVERDUE', SYSTEM, { acknowledgementDueAt: iso(at) });
      case 'HANDLING':
        s.alerted.handling = true;
        return this.record('HANDLING_DEADLINE_PASSED', SYSTEM, { handlingDueAt: iso(at) });
      case 'SUPPLEMENT': {
        const request = openRequest(s) as SupplementRequest;
        request.lapsed = true;
        // The clock restarts at the deadline itself, however late the worker notices it.
        s.clock = resumeClock(s.clock, at);
        s.status = 'IN_HANDLING';
        return this.record('SUPPLEMENT_DEADLINE_PASSED', SYSTEM, { requestId: request.requestId, deadline: request.deadline, handlingDueAt: iso(handlingDue(s) as number) });
      }
      case 'APPEAL':
        (s.decision as Decision).finalAt = iso(at);
        s.status = 'FINAL';
        return this.record('FINAL', SYSTEM, { finalAt: iso(at) });
      case 'SUPPLEMENT_REMINDER':
      case 'DRAFT_EXPIRY_REMINDER': {
        const reminder = pendingReminders(s).find((r) => r.kind === kind)!;
        // Marked sent either way: a worker that comes back after the deadline itself has nothing to remind of.
        if (reminder.deadline > Date.now()) return this.notifier.remind(reminder);
        s.notices.reminded.push(reminder.key);
        return;
      }
    }
  }
}

/** Unwraps an activity's refusal (e.g. FORM_REJECTED) so the update fails with that ErrorCode. */
async function sealed(receipt: Promise<SubmissionReceipt>): Promise<SubmissionReceipt> {
  try {
    return await receipt;
  } catch (err) {
    const refused = refusal(err);
    if (!refused) throw err;
    throw ApplicationFailure.create({ type: refused.type ?? ErrorCode.INTERNAL, message: refused.message, details: refused.details as unknown[], nonRetryable: true });
  }
}
