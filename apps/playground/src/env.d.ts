// Vite's ambient types: CSS imports and import.meta.env in the page's modules.
/// <reference types="vite/client" />
