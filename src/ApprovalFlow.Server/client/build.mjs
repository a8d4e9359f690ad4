// Bundles the web app's front-end into ../wwwroot/dist (run by the server project's build, see
// ApprovalFlow.Server.csproj, target ClientBuild). One entry per island; pages load only what they use.
import { build } from 'esbuild';

const options = {
  entryPoints: {
    'site': 'src/site.js',
    'site.rtl': 'src/site.rtl.css',
    'site.ltr': 'src/site.ltr.css',
    'task-form': 'src/task-form.js',
    'diagram': 'src/diagram.js',
    'attachments': 'src/attachments.js',
    'compare': 'src/compare.js',
    'monitor': 'src/monitor.js',
    'designer': 'src/designer.js',
    'progress': 'src/progress.js',
  },
  outdir: '../wwwroot/dist',
  bundle: true,
  minify: true,
  sourcemap: true,
  format: 'esm',
  target: ['es2020'],
  loader: { '.woff2': 'file', '.woff': 'file', '.svg': 'dataurl', '.eot': 'file', '.ttf': 'file' },
  assetNames: 'assets/[name]-[hash]',
  legalComments: 'linked',
  logLevel: 'warning',
};

await build(options);

// The form editor: form-js-editor 1.23 needs preact 10.15.1 at most (drag and drop, bpmn-io/form-js#760), so
// its island bundles that one copy for itself, the viewer and the properties panel (one preact per page).
await build({
  ...options,
  entryPoints: { 'form-editor': 'src/form-editor.js' },
  alias: { preact: './node_modules/@bpmn-io/form-js-editor/node_modules/preact' },
});

// The Jalali date picker on plain forms (working groups' task pages): jalali-date-field.js with stand-ins for the
// three form-js components it renders, so the island does not carry the form-js viewer.
await build({
  ...options,
  entryPoints: { 'jalali-date-input': 'src/jalali-date-input.js' },
  alias: { '@bpmn-io/form-js-viewer': './src/jalali-date-shim.js' },
});
