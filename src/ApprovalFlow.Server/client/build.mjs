// Bundles the web app's front-end into ../wwwroot/dist (run by the server project's build, see
// ApprovalFlow.Server.csproj, target ClientBuild). One entry per island; pages load only what they use.
import { build } from 'esbuild';

await build({
  entryPoints: {
    'site': 'src/site.js',
    'site.rtl': 'src/site.rtl.css',
    'site.ltr': 'src/site.ltr.css',
    'task-form': 'src/task-form.js',
    'diagram': 'src/diagram.js',
    'attachments': 'src/attachments.js',
    'designer': 'src/designer.js',
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
});
