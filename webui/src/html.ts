// Markup in tagged templates (htm) rendered by Preact: no JSX transform in the build.
import { h } from "preact";
import htm from "htm";

export const html = htm.bind(h);
