using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using FlashRnn.Gen.Language.Collections;
using FlashRnn.Gen.Model;
using FlashRnn.Gen.Language.Diagnostics;
using FlashRnn.Gen.Parsing;

namespace FlashRnn.Gen;

public sealed partial class RnnCellGenerator
{
    internal const string RnnCellAttributeName = "FlashRnn.RnnCellAttribute";
    internal const string EquationsAttributeName = "FlashRnn.EquationsAttribute";
    internal const string SpecializeAttributeName = "FlashRnn.SpecializeAttribute";

    /// <summary>Largest head size a specialisation may name (the alternating kernel has no limit, memory has).</summary>
    internal const int MaxHeadSize = 16384;

    /// <summary>
    /// The parser stage: reads one [RnnCell] class into a <see cref="CellDeclaration"/>. Runs on every compilation
    /// change, so it only copies strings and positions; the equation compiler runs in the next, cached stage.
    /// </summary>
    internal static class Parser
    {
        public static CellDeclaration Read(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
        {
            var type = (INamedTypeSymbol)context.TargetSymbol;
            var syntax = (ClassDeclarationSyntax)context.TargetNode;
            var diagnostics = new List<DiagnosticInfo>();
            LocationInfo classLocation = LocationInfo.From(syntax.Identifier.GetLocation())!;

            CheckClassShape(type, syntax, classLocation, diagnostics);

            AttributeData cell = context.Attributes[0];
            var cellSyntax = (AttributeSyntax?)cell.ApplicationSyntaxReference?.GetSyntax(cancellationToken);
            LocationInfo cellLocation = LocationInfo.From(cellSyntax?.GetLocation()) ?? classLocation;

            DeclarationText? Named(string name)
            {
                foreach (KeyValuePair<string, TypedConstant> arg in cell.NamedArguments)
                {
                    if (arg.Key != name || arg.Value.Value is not string value) continue;
                    ExpressionSyntax? expression = cellSyntax?.ArgumentList?.Arguments
                        .FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == name)?.Expression;
                    return expression is null ? null : new DeclarationText(value, LiteralMap.Create(expression, value));
                }
                return null;
            }

            DeclarationText gates = Named("Gates") ?? Missing(cellLocation);
            DeclarationText states = Named("States") ?? Missing(cellLocation);

            DeclarationText? equations = null;
            AttributeData? equationsAttribute = FindAttribute(type, EquationsAttributeName);
            if (equationsAttribute is null)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticTable.MissingEquations, classLocation, type.Name));
            }
            else if (equationsAttribute.ConstructorArguments.Length == 1 &&
                     equationsAttribute.ConstructorArguments[0].Value is string text &&
                     equationsAttribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) is AttributeSyntax eqSyntax &&
                     eqSyntax.ArgumentList?.Arguments.Count > 0)
            {
                equations = new DeclarationText(text, LiteralMap.Create(eqSyntax.ArgumentList.Arguments[0].Expression, text));
            }

            return new CellDeclaration(
                Namespace: type.ContainingNamespace.IsGlobalNamespace ? null : type.ContainingNamespace.ToDisplayString(),
                ClassName: type.Name,
                Accessibility: type.DeclaredAccessibility == Accessibility.Public ? "public" : "internal",
                ClassLocation: classLocation,
                Gates: gates,
                States: states,
                Recurrent: Named("Recurrent"),
                Outputs: Named("Outputs"),
                Initial: Named("Initial"),
                Equations: equations,
                Specializations: ReadSpecializations(type, diagnostics, cancellationToken).ToEquatableArray(),
                Diagnostics: diagnostics.ToEquatableArray());
        }

        /// <summary>A missing required string reads as empty text located at the attribute, so the equation
        /// compiler reports it ("no gates declared") with its own ID.</summary>
        private static DeclarationText Missing(LocationInfo at)
            => new("", new LiteralMap(at.FilePath, EquatableArray<SourcePoint>.Empty, at));

        private static void CheckClassShape(INamedTypeSymbol type, ClassDeclarationSyntax syntax, LocationInfo at, List<DiagnosticInfo> diagnostics)
        {
            if (!syntax.Modifiers.Any(SyntaxKind.PartialKeyword) || !type.IsStatic)
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticTable.CellClassNotStaticPartial, at, type.Name));
            if (type.ContainingType is not null)
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticTable.CellClassNested, at, type.Name, type.ContainingType.Name));
            if (type.IsGenericType)
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticTable.CellClassGeneric, at, type.Name));
        }

        private static AttributeData? FindAttribute(INamedTypeSymbol type, string metadataName)
            => type.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == metadataName);

        private static IEnumerable<Specialization> ReadSpecializations(INamedTypeSymbol type, List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken)
        {
            var seen = new HashSet<(int, int, int)>();
            foreach (AttributeData attribute in type.GetAttributes())
            {
                if (attribute.AttributeClass?.ToDisplayString() != SpecializeAttributeName) continue;
                LocationInfo at = LocationInfo.From(attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken).GetLocation())!;
                int heads = 1, headSize = 0, dtype = 1;
                foreach (KeyValuePair<string, TypedConstant> arg in attribute.NamedArguments)
                {
                    if (arg.Value.Value is not int value) continue;
                    switch (arg.Key)
                    {
                        case "Heads": heads = value; break;
                        case "HeadSize": headSize = value; break;
                        case "DType": dtype = value; break;
                    }
                }

                bool valid = true;
                if (heads < 1)
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticTable.BadHeadCount, at, heads));
                    valid = false;
                }
                if (headSize < 1 || headSize > MaxHeadSize)
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticTable.BadHeadSize, at, headSize, MaxHeadSize));
                    valid = false;
                }
                if (dtype is < 0 or > 2)
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticTable.UnsupportedDType, at, dtype));
                    valid = false;
                }
                if (valid && !seen.Add((heads, headSize, dtype)))
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticTable.DuplicateSpecialization, at, heads, headSize));
                    valid = false;
                }
                if (valid) yield return new Specialization(heads, headSize, dtype, at);
            }
        }
    }
}
