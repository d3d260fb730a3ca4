// A few uses of the TypeScript client generated from docs/openapi.json (openapi-typescript), so `tsc --noEmit` proves
// the generated types are usable and say what the API says. Run by OpenApiLintTests; the types land in ./generated.
import type { components, operations, paths } from "./generated/schema";

type RegisterBody = paths["/api/v1/auth/register"]["post"]["requestBody"]["content"]["application/json"];
type Registered = paths["/api/v1/auth/register"]["post"]["responses"][201]["content"]["application/json"];
type Product = components["schemas"]["ProductResponse"];
type ShopBySlug = operations["Shops_GetBySlug"]["parameters"]["path"];
type Problem = components["schemas"]["ProblemDetails"];

export const register: RegisterBody = {
  email: "sari@keripik-sanan.id",
  password: "Tempe-Sanan-2026!",
  displayName: "Sari Wulandari",
  role: "merchant",
};

// Sign-up answers with the same token pair as sign-in, and the account.
export const bearer = (r: Registered): string => `${r.tokenType} ${r.accessToken} for ${r.user.email}`;

// The printed form of a P-IRT number sits beside the normalized digits.
export const label = (p: Product): string | null | undefined => p.attributes.pirtNumberDisplay ?? p.attributes.pirtNumber;

export const shop: ShopBySlug = { slug: "keripik-tempe-sanan-bu-sari" };

export const title = (p: Problem): string | null | undefined => p.title;

// @ts-expect-error a price is Money ({amount, currency}), never a formatted string
export const wrongPrice: Product["price"] = "Rp 18.000";

// @ts-expect-error the by-slug route takes a slug, not an id
export const wrongParameter: ShopBySlug = { id: "0196f1c2-7a10-7c3e-9d41-2b5e8f0a6c11" };
