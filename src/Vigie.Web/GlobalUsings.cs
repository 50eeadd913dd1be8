// Namespaces nearly every file of the app imports (CONTRIBUTING.md "Code style"); files add only the others.
global using Microsoft.EntityFrameworkCore;
global using Vigie.Web.Data;
global using Vigie.Web.Domain;
global using Vigie.Web.Features.Shared;
global using Vigie.Web.Infrastructure;
global using Microsoft.AspNetCore.Mvc;
global using Microsoft.AspNetCore.Mvc.RazorPages;
