// A third-party integrator's first program against Vigie, written only from /openapi/v1.json: the types in
// vigie.d.ts are generated from the document (openapi-typescript), the calls go through openapi-fetch. `tsc` checks
// the scenario against the generated types, then node runs it against a live server.
// Usage: node out/scenario.js <base URL> <personal access token> <contract id>
import createClient from "openapi-fetch";
import type { paths, components } from "./vigie.js";

type Problem = components["schemas"]["ProblemDetails"];

declare const process: { argv: string[] };
const [baseUrl, token, contractId] = process.argv.slice(2) as [string, string, string];
const client = createClient<paths>({ baseUrl, headers: { Authorization: `Bearer ${token}` } });
const result: Record<string, unknown> = {};

// 1. The contracts this token may see.
const contracts = await client.GET("/api/v1/contracts");
result.contracts = contracts.response.status;
result.listed = (contracts.data ?? []).some((c) => c.id === contractId);

// 2. The contract's action plan.
const plan = await client.GET("/api/v1/contracts/{id}/plan", { params: { path: { id: contractId } } });
result.plan = plan.response.status;
result.planItems = plan.data?.items.length ?? -1;

// 3. A governance body, then a meeting in it (times of day as HH:mm, Paris time).
const body = await client.POST("/api/v1/contracts/{id}/bodies", {
  params: { path: { id: contractId } },
  body: { name: "Comité généré", kind: "plenary", defaultVisibility: "members" },
});
result.body = body.response.status;
const meeting = await client.POST("/api/v1/contracts/{id}/meetings", {
  params: { path: { id: contractId } },
  body: { bodyId: body.data?.id ?? "", title: "Réunion créée par le client généré", date: "2026-09-15", startTime: "14:30", endTime: "16:00", place: "Mairie" },
});
result.meeting = meeting.response.status;
result.meetingLocation = meeting.response.headers.get("location");
if (meeting.data) {
  const read = await client.GET("/api/v1/contracts/{id}/meetings/{meetingId}", { params: { path: { id: contractId, meetingId: meeting.data.id } } });
  result.meetingTitle = read.data?.meeting.title;
  result.meetingStart = read.data?.meeting.startsAt;
}

// 4. An error, read as problem+json: a meeting whose end is before its start.
const refused = await client.POST("/api/v1/contracts/{id}/meetings", {
  params: { path: { id: contractId } },
  body: { bodyId: body.data?.id ?? "", title: "Réunion impossible", date: "2026-09-15", startTime: "16:00", endTime: "14:30" },
});
const problem = refused.error as Problem | undefined;
result.error = refused.response.status;
result.errorType = refused.response.headers.get("content-type");
result.errorTitle = problem?.title;
result.errorFields = Object.keys((problem as { errors?: Record<string, string[]> } | undefined)?.errors ?? {});

console.log(JSON.stringify(result));
