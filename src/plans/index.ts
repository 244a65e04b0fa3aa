// Sheet plans: pure descriptions of every sheet of a model, applied alike by
// the Office.js writer (task pane) and the exceljs writer (.xlsx files).
export * from "./types";
export { defaultNaming, resolveNaming, namingFor, SHEET_TITLES, ALL_NAME_BASES } from "./naming";
export { STATIC_NAMES, MODEL_NAME_BASES, nameOf, splitNameBase, constraintNameBase, pascal, type StaticName } from "./definedNames";
export { columnLetter, columnIndex, cellAt, cellColAbs, rangeAt, parseCell, blockRange, quoteSheet, qualified, absolute, text } from "./refs";
export { MONEY, PERCENT, SCORE, STYLES } from "./draft";
export { DEFAULT_INPUTS, MECHANIC_ROWS, checkInputs, templateInputs } from "./inputs";
export { buildReferencePlan, YES, NO } from "./reference";
export { buildLayersPlan, LAYERS_LAYOUT } from "./layers";
export { buildProductCorePlan, PRODUCT_CORE_LAYOUT } from "./productCore";
export { buildMechanicsPlan, MECHANICS_LAYOUT } from "./mechanics";
export { buildFeeSplitPlan, FEE_SPLIT_LAYOUT, SPLIT_OK } from "./feeSplit";
export { buildChecklistPlan, CHECKLIST_LAYOUT } from "./checklist";
export { buildSummaryPlan } from "./summary";
export { buildStressTestPlan, stressRunParams, MONTE_CARLO_DEFAULTS, STRESS_TEST_LAYOUT, STRESS_NAME_BASES, STRESS_MONTHS, type StressTestOptions } from "./stressTest";
export { buildReadmePlan, SHEET_PURPOSES, type ReadmeOptions } from "./readme";
export { buildComparablesPlan, COMPARABLES_LAYOUT } from "./comparables";
export { buildModelPlan, PLAN_BUILDERS, type PlanBuilder, type ModelOptions } from "./model";
export { addTokenLayer, TOKEN_DEFAULTS, TOKEN_NAME_BASES, type TokenLayerLayout } from "./tokenLayer";
