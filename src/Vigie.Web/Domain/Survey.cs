namespace Vigie.Web.Domain;

// Public-tranquillity / victimisation survey (issue 12, specs §2). Every row carries its ContractId: scoping is one
// Where, and deleting a contract cascades to all of it. A survey is a questionnaire (seeded from the default table of
// specs §2.3, editable until a wave has responses); its waves (T0, T1 …) hold the sampling plan (population by
// quartier × sex × age band), the responses (imported, entered online) and, once published, public results.
// No respondent is identified: resp_id is a survey code, the online device marker is a hash of a random cookie.

/// <summary>Question types of specs §2.2.</summary>
public enum SurveyQuestionType
{
    SingleChoice,
    MultipleChoice,
    Frequency4,
    Efficacy4,
    Grid,
    YesNo,
    Count,
    BirthYear,
    AgeBand,
    Zone,
    FreeText,
}

/// <summary>Where a wave stands: its questionnaire is frozen once it has responses or is open.</summary>
public enum SurveyWaveStatus
{
    Draft,
    Open,
    Closed,
}

/// <summary>How a response was collected (specs §2.4 <c>collecte_mode</c>).</summary>
public enum SurveyMode
{
    Face,
    Tel,
    Web,
    Papier,
}

/// <summary>Sex as in the census columns (A1: 1 Femme, 2 Homme; 3 "Autre" has no census margin).</summary>
public enum SurveySex
{
    Femme = 1,
    Homme = 2,
}

/// <summary>INSEE census age bands (specs §2.4): 15–29, 30–44, 45–59, 60–74, 75+.</summary>
public enum SurveyAgeBand
{
    A15_29,
    A30_44,
    A45_59,
    A60_74,
    A75Plus,
}

/// <summary>A questionnaire of a contract.</summary>
public class Survey : StampedEntity
{
    public Guid Id { get; set; }
    public Guid ContractId { get; set; }
    public required string Title { get; set; }
    public List<SurveyQuestion> Questions { get; set; } = [];
}

/// <summary>
/// One logical item. Options: "code=label" pairs separated by "|" (e.g. "1=Femme|2=Homme"); Grid rows the same with
/// the row codes (C1a=…); ShowIf: "D1=1|D2=1" (shown when any term holds).
/// </summary>
public class SurveyQuestion : StampedEntity
{
    public Guid Id { get; set; }
    public Guid SurveyId { get; set; }
    public Guid ContractId { get; set; }
    public required string Code { get; set; }
    public required string Section { get; set; }
    public required string Text { get; set; }
    public SurveyQuestionType Type { get; set; }
    public string? Options { get; set; }
    public string? Rows { get; set; }
    public int? MaxChoices { get; set; }
    public string? ShowIf { get; set; }
    public int Position { get; set; }
}

/// <summary>A collection wave (T0, T1 …) of a survey, with its sampling plan and field period.</summary>
public class SurveyWave : StampedEntity, IVersioned
{
    public Guid Id { get; set; }
    /// <summary>Optimistic concurrency token (ADR 0019): the draft wave's edit form and <c>PUT …/survey-waves/{waveId}</c> send it back.</summary>
    public int Version { get; set; }
    public Guid ContractId { get; set; }
    public Guid SurveyId { get; set; }
    public Survey? Survey { get; set; }
    /// <summary>Number in the contract (1, 2 …): the wave id of the diagnostic port.</summary>
    public int Number { get; set; }
    /// <summary>The <c>vague</c> column of imports, e.g. 2026-T0.</summary>
    public required string Code { get; set; }
    public required string Title { get; set; }
    public DateOnly FieldStart { get; set; }
    public DateOnly FieldEnd { get; set; }
    public SurveyWaveStatus Status { get; set; }
    /// <summary>Planned completed interviews (sampling plan).</summary>
    public int PlannedSize { get; set; }
    /// <summary>Census vintage of the population margins (e.g. "RP 2021").</summary>
    public string? CensusVintage { get; set; }
    /// <summary>The INSEE IRIS file the margins were aggregated from (its name as uploaded); null when they were typed in.</summary>
    public string? CensusFileName { get; set; }
    /// <summary>When the margins were imported from <see cref="CensusFileName"/>; null when they were typed in.</summary>
    public DateTimeOffset? CensusImportedAt { get; set; }
    /// <summary>Public answer page code (random, unguessable) while the wave is collected online; null otherwise.</summary>
    public string? OnlineCode { get; set; }
    public DateTimeOffset? PublishedAt { get; set; }
}

/// <summary>Population of one quartier × sex × age band (census, aggregated from IRIS to the CLS quartiers).</summary>
public class SurveyStratum
{
    public Guid Id { get; set; }
    public Guid WaveId { get; set; }
    public Guid ContractId { get; set; }
    public required string Quartier { get; set; }
    public required string QuartierName { get; set; }
    public SurveySex Sex { get; set; }
    public SurveyAgeBand AgeBand { get; set; }
    public int Population { get; set; }
}

/// <summary>
/// One IRIS of a contract's territory assigned to a quartier of the survey's referential (the <c>quartier</c> code of
/// the sampling plan and of the responses): the census import aggregates the IRIS populations through it. One row per
/// contract × IRIS code; stamped (who changed it, when) and every replacement audited.
/// </summary>
public class SurveyIrisQuartier : StampedEntity
{
    public Guid Id { get; set; }
    public Guid ContractId { get; set; }
    /// <summary>INSEE IRIS code, 9 characters (commune code + 4 digits, e.g. 751134901; 0000 for a commune without IRIS).</summary>
    public required string Iris { get; set; }
    public required string Quartier { get; set; }
    public required string QuartierName { get; set; }
}

/// <summary>Where a response came from.</summary>
public enum SurveyResponseSource
{
    Import,
    Online,
    /// <summary>A paper or telephone questionnaire typed in by a member of the contract (agent entry).</summary>
    Agent,
}

/// <summary>One respondent's answers (no personal data: a survey code, codes, and a scrubbed free text).</summary>
public class SurveyResponse : IVersioned
{
    public Guid Id { get; set; }
    /// <summary>
    /// Optimistic concurrency token (ADR 0019): the correction form, the void and delete forms and the API's
    /// <c>version</c> send it back, so two agents correcting the same paper questionnaire cannot overwrite each other.
    /// </summary>
    public int Version { get; set; }
    public Guid WaveId { get; set; }
    public Guid ContractId { get; set; }
    public required string RespId { get; set; }
    public SurveyMode Mode { get; set; }
    public DateOnly CollectedOn { get; set; }
    public required string Quartier { get; set; }
    /// <summary>A1 code (1 Femme, 2 Homme, 3 Autre).</summary>
    public int Sex { get; set; }
    public int BirthYear { get; set; }
    /// <summary>Coded answers as JSON: {"B1":2,"B6":[1,3],"C1a":1 …}; free text apart.</summary>
    public required string Answers { get; set; }
    /// <summary>E4, scrubbed of e-mails, phone numbers and plates; never leaves the members-only pages.</summary>
    public string? FreeText { get; set; }
    /// <summary>Less than 80 % of applicable items answered: excluded from results.</summary>
    public bool Incomplete { get; set; }
    public SurveyResponseSource Source { get; set; }
    /// <summary>Online answers: SHA-256 of the device's random cookie (one response per device).</summary>
    public string? DeviceHash { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
    /// <summary>The member who typed it in (agent entries only): an agent corrects or deletes only their own entries.</summary>
    public Guid? EnteredById { get; set; }
    /// <summary>Voided by a coordinator (a test or a duplicate): kept, excluded from the results and the quotas, counted apart.</summary>
    public DateTimeOffset? VoidedAt { get; set; }
    public Guid? VoidedById { get; set; }
    public string? VoidReason { get; set; }
}

/// <summary>What happened to a response after it was recorded.</summary>
public enum SurveyResponseChangeKind
{
    Corrected,
    Deleted,
    Voided,
}

/// <summary>
/// History of a response's corrections, deletion or voiding: who, when, and for a correction the coded items that
/// changed with their values before and after (codes only, never the free text). Kept when the response is deleted.
/// </summary>
public class SurveyResponseChange
{
    public Guid Id { get; set; }
    public Guid ContractId { get; set; }
    public Guid WaveId { get; set; }
    public Guid ResponseId { get; set; }
    public required string RespId { get; set; }
    public SurveyResponseChangeKind Kind { get; set; }
    public Guid ById { get; set; }
    public DateTimeOffset At { get; set; }
    /// <summary>Corrections: {"B1":[2,4],"mode":["Papier","Tel"] …} (before, after); null otherwise.</summary>
    public string? Changes { get; set; }
    /// <summary>Deletion or voiding motive.</summary>
    public string? Reason { get; set; }
}
