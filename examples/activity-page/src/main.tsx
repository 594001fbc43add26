import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ApolloProvider } from '@apollo/client/react';
import { ActivityPage } from './activity-page';
import { createApolloClient } from './apollo-client';
import { demoAuthorization, demoFeedbackToken, demoUsername } from './demo-auth';
import './styles.css';

const client = createApolloClient(demoAuthorization);
const container = document.getElementById('root');
if (container === null) throw new Error('index.html has no element with id "root"');

createRoot(container).render(
  <StrictMode>
    <ApolloProvider client={client}>
      <ActivityPage username={demoUsername} feedbackTokenFor={demoFeedbackToken} />
    </ApolloProvider>
  </StrictMode>,
);
