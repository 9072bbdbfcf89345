/** The workflows this project's workers run (the bundle entry point). */
export { permitApplication } from './application/workflow';
export { ptvCatalogueSync } from './catalogue/workflow';
export { authorityOnboarding } from './onboarding/workflow';
