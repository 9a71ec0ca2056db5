import { drawPicture, type DrawTask } from './thumbnails.js'

// The piscina worker that draws HTML thumbnails (thumbnails.ts): one picture per task, in a
// thread that can be stopped when its time is up and that has the inspection's heap bound.
export default function drawInWorker(task: DrawTask): Promise<string> {
  return drawPicture(task)
}
